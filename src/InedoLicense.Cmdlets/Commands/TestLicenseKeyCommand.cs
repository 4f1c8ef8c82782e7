using System.Management.Automation;
using System.Security.Cryptography;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;
using InedoLicense.Machine;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Verifies keys with only the trust bundle: one result per key, in input order. Keys are
/// verified on every core in batches (OrderedParallelBatches) and -Path files are streamed, so
/// memory stays flat.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LicenseKey", DefaultParameterSetName = KeySet)]
[OutputType(typeof(LicenseVerification), typeof(bool), typeof(LicenseStatusCount))]
public sealed partial class TestLicenseKeyCommand : StoreCmdlet
{
    private const string KeySet = "Key";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private OrderedParallelBatches<(string Key, string? Source), LicenseVerification>? _batches;
    private readonly LicenseStatusTally _tally = new();
    private LicenseVerifier? _verifier;
    private VerificationContext? _context;
    private bool _reportedThisMachine;
    private BulkProgress? _progress;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] Key { get; set; } = [];

    /// <summary>Files with one key a line; blank lines and lines starting with # are skipped.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Files taken as written, without wildcards (keys[2026].txt); a piped file (Get-ChildItem) binds here by its PSPath.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

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
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string? Product { get; set; }

    /// <summary>The organisation the key must be for (else OrganizationMismatch).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string? OrganizationId { get; set; }

    /// <summary>The MAC ID an agent key must be bound to (else MachineMismatch). Any common spelling. Without it (or -ThisMachine) the machine is not checked.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MacId { get; set; }

    /// <summary>Checks that agent keys are bound to this machine's MAC ID (as Get-MacId chooses it): "is this key for this machine". Without it, a key verifies the same on every machine.</summary>
    [Parameter]
    public SwitchParameter ThisMachine { get; set; }

    /// <summary>
    /// A signed revocation list (Export-LicenseRevocationList) for machines without the store. It must be
    /// signed by an Issuer certificate of the trust bundle and not be past its next update at -At (or now).
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RevocationList { get; set; }

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
                Strings.ConflictingOutputSwitches));
        var trust = VerificationSources.LoadTrustBundle(this, TrustBundle is null
            ? System.IO.Path.Combine(DefaultAuthorityPath, "trust.pem")
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TrustBundle));
        _verifier = new LicenseVerifier(trust);

        string? mac = null;
        if (MacId is not null && !MacAddress.TryNormalize(MacId, out mac, out var macError))
            ThrowTerminatingError(Errors.Record(ErrorIds.InvalidMacId, ErrorCategory.InvalidArgument, MacId, macError));
        if (MacId is not null && ThisMachine)
            ThrowTerminatingError(Errors.Record(ErrorIds.ConflictingMachineParameters, ErrorCategory.InvalidArgument, MacId,
                Strings.ConflictingMachineParameters));

        // Revocations come from the store when there is one, and from -RevocationList. Verifying never creates a
        // store: the default one may not exist (then there are no revocations), a store named by -StorePath must.
        var at = At ?? DateTimeOffset.UtcNow;
        IRevocationList? fromStore = null;
        if (StorePath is not null || StoreEngine.MayExist(ResolvedStorePath))
        {
            fromStore = Store.Revocations.LoadRevocations();
            WarnIfClockIsBehindStore();
        }
        var fromList = RevocationList is null ? null
            : VerificationSources.LoadRevocationList(this, SessionState.Path.GetUnresolvedProviderPathFromPSPath(RevocationList), trust, at, _verifier.ClockSkew);
        // Whatever goes wrong with one key (even in the machine lookup) is that key's status; the batch goes on.
        _batches = new(item => VerifyOne(item.Key, item.Source),
            (item, failure) => LicenseVerification.NotVerified(failure, at) with { Source = item.Source });
        _context = new VerificationContext
        {
            At = at,
            Product = Product,
            OrganizationId = OrganizationId,
            MacId = mac,
            CompareWithThisMachine = ThisMachine,
            Revocations = CombinedRevocationList.Of(fromStore, fromList),
        };
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is PathSet or LiteralPathSet) VerifyFiles(ParameterSetName == LiteralPathSet);
        else foreach (var key in Key) Enqueue(key, null);
    }

    protected override void EndProcessing()
    {
        Write(_batches!.Finish());
        _progress?.Complete();
        if (Summary) WriteObject(_tally.Counts(), enumerateCollection: true);
    }

    private void Enqueue(string key, string? source) => Write(_batches!.Add((key, source)));

    private void Write(IEnumerable<LicenseVerification> results)
    {
        var written = 0;
        foreach (var result in results)
        {
            written++;
            ReportThisMachineOnce();
            if (Summary) _tally.Add(result.Status);
            else if (Quiet) WriteObject(result.IsValid);
            else WriteObject(result);
        }
        // -Path files show their own progress, by position in the file.
        if (written > 0 && ParameterSetName == KeySet)
            (_progress ??= new BulkProgress(this, 1, "Test-LicenseKey", "keys verified"))
                .Advance(written, total: MyInvocation.ExpectingInput ? null : Key.Length);
    }

    // On any thread: the verifier and the context's machine lookup are thread-safe.
    private LicenseVerification VerifyOne(string key, string? source)
    {
        var result = _verifier!.Verify(key, _context);
        return source is null ? result : result with { Source = source };
    }

    // On the pipeline thread, once the lookup has happened.
    private void ReportThisMachineOnce()
    {
        if (_reportedThisMachine || _context is not { HasLookedUpThisMachine: true }) return;
        _reportedThisMachine = true;
        VerificationSources.ReportThisMachine(this, _context.ThisMachine);
    }
}
