namespace InedoLicense.Verification;

/// <summary>
/// Keeps one key's verification current for a long-running process (an agent that must log a partner out when a
/// temporary key expires, or when a newer revocation list revokes it). It does not poll: a timer wakes it at the next
/// moment the status can change (the key's notBefore or expiry, with the clock skew), and at least every
/// <see cref="LongestWait"/> so that a clock changed while the machine slept is noticed. A newer revocation list is
/// applied at once with <see cref="UseRevocationList"/>. Time comes from a <see cref="TimeProvider"/>, so tests can
/// drive it with a fake clock. Thread-safe; <see cref="Changed"/> is raised on the thread that noticed the change.
/// </summary>
public sealed class LicenseMonitor : IDisposable
{
    /// <summary>The default of <see cref="LongestWait"/>: one hour.</summary>
    public static readonly TimeSpan DefaultLongestWait = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private readonly LicenseVerifier _verifier;
    private readonly string _keyText;
    private readonly VerificationContext _context;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private LicenseVerification _current;
    private RevocationList? _revocationList;
    private bool _disposed;

    /// <summary>Verifies the key now and starts watching it. <paramref name="context"/>'s <c>At</c> is ignored: the monitor uses its clock.</summary>
    public LicenseMonitor(LicenseVerifier verifier, string keyText, VerificationContext? context = null, TimeProvider? time = null,
        TimeSpan? longestWait = null)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _keyText = keyText ?? throw new ArgumentNullException(nameof(keyText));
        _context = context ?? new VerificationContext();
        _time = time ?? TimeProvider.System;
        LongestWait = longestWait ?? DefaultLongestWait;
        if (LongestWait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(longestWait), longestWait, "The longest wait must be positive.");
        lock (_gate)
        {
            _current = VerifyNow();
            Schedule();
        }
    }

    /// <summary>Raised when the key's status changes (Valid to Expired or Revoked, NotYetValid to Valid, …).</summary>
    public event EventHandler<LicenseChangedEventArgs>? Changed;

    /// <summary>The latest result.</summary>
    public LicenseVerification Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>True while the latest result is Valid.</summary>
    public bool IsValid => Current.IsValid;

    /// <summary>The newest revocation list accepted, if any.</summary>
    public RevocationList? RevocationList
    {
        get { lock (_gate) return _revocationList; }
    }

    /// <summary>The most the monitor sleeps between two checks.</summary>
    public TimeSpan LongestWait { get; }

    /// <summary>When the monitor checks next (by its clock); null when nothing can change the status but a revocation list.</summary>
    public DateTimeOffset? NextCheck { get; private set; }

    /// <summary>
    /// Uses <paramref name="list"/> from now on, when it is newer than the one in use (a later IssuedAt), and checks the
    /// key again at once. Returns false, and changes nothing, for a list that is not newer: someone swapping in an older
    /// list must not un-revoke a key. The caller verifies the list first (<see cref="Verification.RevocationList.Verify"/>).
    /// </summary>
    public bool UseRevocationList(RevocationList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        LicenseChangedEventArgs? change;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_revocationList is { } inUse && list.IssuedAt <= inUse.IssuedAt) return false;
            _revocationList = list;
            change = CheckLocked();
        }
        Raise(change);
        return true;
    }

    /// <summary>Checks the key again now (e.g. after the machine woke up) and returns the result.</summary>
    public LicenseVerification Refresh()
    {
        LicenseChangedEventArgs? change;
        LicenseVerification current;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            change = CheckLocked();
            current = _current;
        }
        Raise(change);
        return current;
    }

    private void OnTimer()
    {
        LicenseChangedEventArgs? change;
        lock (_gate)
        {
            if (_disposed) return;
            change = CheckLocked();
        }
        Raise(change);
    }

    private LicenseChangedEventArgs? CheckLocked()
    {
        var previous = _current;
        _current = VerifyNow();
        Schedule();
        return previous.Status == _current.Status ? null : new LicenseChangedEventArgs(previous, _current);
    }

    private void Raise(LicenseChangedEventArgs? change)
    {
        if (change is not null) Changed?.Invoke(this, change);
    }

    private LicenseVerification VerifyNow() =>
        _verifier.Verify(_keyText, _context with { At = _time.GetUtcNow(), Revocations = (IRevocationList?)_revocationList ?? _context.Revocations });

    // The next moment the status can change by time alone: a NotYetValid key's start, a Valid key's expiry (skew included).
    private void Schedule()
    {
        _timer?.Dispose();
        _timer = null;
        NextCheck = null;
        var result = _current;
        DateTimeOffset? next = result.Status switch
        {
            LicenseStatus.NotYetValid when result.NotBefore is { } start => Moments.Minus(start, _verifier.ClockSkew),
            LicenseStatus.Valid when result.ExpiresAt is { } end => Moments.Plus(end, _verifier.ClockSkew),
            _ => null,
        };
        if (next is not { } moment) return;
        var now = _time.GetUtcNow();
        var wait = moment - now;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        if (wait > LongestWait) wait = LongestWait;
        NextCheck = now + wait;
        _timer = _time.CreateTimer(_ => OnTimer(), null, wait, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}

/// <summary>A key's status changed: what it was, and what it is now.</summary>
public sealed class LicenseChangedEventArgs(LicenseVerification previous, LicenseVerification current) : EventArgs
{
    public LicenseVerification Previous { get; } = previous;
    public LicenseVerification Current { get; } = current;
}
