using System.Management.Automation;
using System.Security.Cryptography;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Verifies keys with only the trust bundle: one result per key, in input order. Keys are
/// verified in parallel chunks and -Path files are streamed, so memory stays flat.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LicenseKey", DefaultParameterSetName = KeySet)]
[OutputType(typeof(LicenseVerification), typeof(bool), typeof(LicenseStatusCount))]
public sealed class TestLicenseKeyCommand : StoreCmdlet
{
    private const string KeySet = "Key";
    private const string PathSet = "Path";
    private const int ChunkSize = 1024;
    private readonly List<(string Key, string? Source)> _pending = new(ChunkSize);
    private readonly long[] _countByStatus = new long[Enum.GetValues<LicenseStatus>().Length];
    private LicenseVerifier? _verifier;
    private VerificationContext? _context;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] Key { get; set; } = [];

    /// <summary>Files with one key a line; blank lines and lines starting with # are skipped.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>The vendor's trust bundle (PEM: root and issuers). Default: the default authority's trust.pem.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TrustBundle { get; set; }

    /// <summary>Evaluate validity at this moment instead of now.</summary>
    [Parameter]
    public DateTimeOffset? At { get; set; }

    /// <summary>The product the key must be for (else ProductMismatch).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Product { get; set; }

    /// <summary>The organisation the key must be for (else OrganizationMismatch).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    /// <summary>The MAC ID an agent key must be bound to (else MachineMismatch). Any common spelling.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MacId { get; set; }

    /// <summary>Output only $true or $false for each key.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Output only the number of keys per status, at the end (for bulk audits).</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override void BeginProcessing()
    {
        if (Quiet && Summary)
            ThrowTerminatingError(Errors.Record(ErrorIds.ConflictingOutputSwitches, ErrorCategory.InvalidArgument, null,
                "Use -Quiet (one bool per key) or -Summary (counts per status), not both."));
        var bundlePath = TrustBundle is null
            ? System.IO.Path.Combine(DefaultAuthorityPath, "trust.pem")
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TrustBundle);
        if (!File.Exists(bundlePath))
            ThrowTerminatingError(Errors.Record(ErrorIds.TrustBundleNotFound, ErrorCategory.ObjectNotFound, bundlePath,
                "No trust bundle at {0}. Pass -TrustBundle with the vendor's trust.pem, or create an authority with New-LicenseAuthority.", bundlePath));
        try
        {
            _verifier = new LicenseVerifier(Verification.TrustBundle.Load(bundlePath));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.InvalidTrustBundle, ErrorCategory.InvalidData, bundlePath, e,
                "{0} is not a usable trust bundle: {1}", bundlePath, e.Message));
        }

        string? mac = null;
        if (MacId is not null && !MacAddress.TryNormalize(MacId, out mac, out var macError))
            ThrowTerminatingError(Errors.Record(ErrorIds.InvalidMacId, ErrorCategory.InvalidArgument, MacId, macError));

        // Revocations come from the store when there is one; verifying never creates a store.
        var revocations = StorePath is not null || File.Exists(ResolvedStorePath) ? Store.LoadRevocations() : null;
        _context = new VerificationContext
        {
            At = At ?? DateTimeOffset.UtcNow,
            Product = Product,
            OrganizationId = OrganizationId,
            MacId = mac,
            Revocations = revocations,
        };
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            foreach (var file in ResolveFiles()) VerifyFile(file);
            return;
        }
        foreach (var key in Key) Enqueue(key, null);
    }

    protected override void EndProcessing()
    {
        FlushChunk();
        if (!Summary) return;
        for (var status = 0; status < _countByStatus.Length; status++)
            if (_countByStatus[status] > 0) WriteObject(new LicenseStatusCount((LicenseStatus)status, _countByStatus[status]));
    }

    private void Enqueue(string key, string? source)
    {
        _pending.Add((key, source));
        if (_pending.Count >= ChunkSize) FlushChunk();
    }

    // Parallel within a chunk, written in input order.
    private void FlushChunk()
    {
        if (_pending.Count == 0) return;
        var results = new LicenseVerification[_pending.Count];
        if (_pending.Count == 1) results[0] = VerifyOne(0);
        else Parallel.For(0, _pending.Count, i => results[i] = VerifyOne(i));
        _pending.Clear();
        foreach (var result in results)
        {
            if (Summary) _countByStatus[(int)result.Status]++;
            else if (Quiet) WriteObject(result.IsValid);
            else WriteObject(result);
        }
    }

    private LicenseVerification VerifyOne(int index)
    {
        var (key, source) = _pending[index];
        var result = _verifier!.Verify(key, _context);
        return source is null ? result : result with { Source = source };
    }

    private IEnumerable<string> ResolveFiles()
    {
        foreach (var path in Path)
        {
            IEnumerable<string> resolved;
            try
            {
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(Errors.Record(ErrorIds.KeyFileNotFound, ErrorCategory.ObjectNotFound, path, e));
                continue;
            }
            foreach (var file in resolved) yield return file;
        }
    }

    private void VerifyFile(string file)
    {
        var progress = new ProgressRecord(1, "Test-LicenseKey", $"Verifying keys in {file}");
        var lastProgress = Environment.TickCount64;
        using var reader = new StreamReader(file);
        var length = Math.Max(1, reader.BaseStream.Length);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            Enqueue(trimmed, $"{file}:{lineNumber}");
            if (Environment.TickCount64 - lastProgress > 250)
            {
                lastProgress = Environment.TickCount64;
                progress.PercentComplete = (int)Math.Min(100, reader.BaseStream.Position * 100 / length);
                progress.StatusDescription = $"Line {lineNumber:N0} of {file}";
                WriteProgress(progress);
            }
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}
