using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// A cmdlet that signs keys: -SigningCertificate, or -CertificatePath/-CertificatePassword, or
/// else the default authority's issuer for the role the kind needs. Issues in batches.
/// </summary>
public abstract class SigningCmdlet : StoreCmdlet
{
    private LicenseSigner? _signer;
    private KeyIssuer? _issuer;
    private bool _catalogueSeeded;
    private long _written;

    /// <summary>An issuer certificate with its private key.</summary>
    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? SigningCertificate { get; set; }

    /// <summary>A PKCS#12 file holding an issuer certificate and its private key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    /// <summary>The password of the PKCS#12 file (-CertificatePath, or the default authority's).</summary>
    [Parameter]
    public SecureString? CertificatePassword { get; set; }

    /// <summary>Embeds the issuer certificate in each key, so verifiers that only hold the root can check it. Makes ECDSA keys ~2.9x longer (docs/design/key-format.md).</summary>
    [Parameter]
    public SwitchParameter IncludeCertificates { get; set; }

    /// <summary>The issuer for keys of this kind; opened on first use. Ends the command when no usable certificate is found.</summary>
    protected KeyIssuer IssuerFor(LicenseKind kind)
    {
        if (_issuer is not null) return _issuer;
        _signer = SignerFor(IssuerRoles.RequiredFor(kind));
        _ = ExistingStore; // a file that is not a store ends the command here; a missing one is created by the first commit
        var issuer = new KeyIssuer(_signer, StoreEngine.Opener(ResolvedStorePath, StoreNetworkCredential), IncludeCertificates);
        try { issuer.Authorize(kind); } // refuse before the first key, not with it
        catch (IssuerNotAuthorizedException e)
        {
            issuer.Dispose();
            ThrowTerminatingError(Errors.Record(ErrorIds.IssuerNotAuthorizedForKind, ErrorCategory.SecurityError, _signer.Certificate, e));
        }
        _issuer = issuer;
        return _issuer;
    }

    /// <summary>The certificate that signs keys of this kind (opened as <see cref="IssuerFor"/> does).</summary>
    protected X509Certificate2 SignerCertificateFor(LicenseKind kind)
    {
        IssuerFor(kind);
        return _signer!.Certificate;
    }

    /// <summary>
    /// The signer: -SigningCertificate, -CertificatePath, or the default issuer of the role; opened on
    /// first use, when the command also warns if this machine's clock is behind the store.
    /// Ends the command when no usable certificate is found. Signing checks the role (KeyIssuer, RevocationListSigner).
    /// </summary>
    protected LicenseSigner SignerFor(IssuerRole role)
    {
        if (_signer is not null) return _signer;
        _signer = OpenSigner(role);
        CheckSignerIsTrusted(_signer);
        WriteVerbose($"Signing certificate: {_signer.Certificate.Subject} (thumbprint {_signer.Thumbprint}).");
        WarnIfClockIsBehindStore();
        return _signer;
    }

    // Issuing checks the certificate as a verifier will, not only its role field: it must chain, now, to the root of
    // this store's authority: the default one beside the store, or one that New-LicenseAuthority created for it.
    private void CheckSignerIsTrusted(LicenseSigner signer)
    {
        var problems = new List<string>();
        foreach (var bundle in TrustBundlesOfThisStore().Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!File.Exists(bundle)) continue;
            try
            {
                if (SignerTrust.Problem(signer.Certificate, bundle, DateTimeOffset.UtcNow) is not { } problem) return;
                problems.Add($"{bundle}: {problem}");
            }
            catch (CryptographicException e)
            {
                problems.Add($"{bundle}: {e.Message}");
            }
        }
        ThrowTerminatingError(Errors.Record(ErrorIds.SigningCertificateNotTrusted, ErrorCategory.SecurityError, signer.Certificate,
            Strings.SigningCertificateNotTrusted,
            signer.Certificate.Subject, signer.Thumbprint,
            problems.Count == 0 ? $"There is no trust bundle to check it against ({System.IO.Path.Combine(DefaultAuthorityPath, "trust.pem")})." : string.Join(" ", problems) + "."));
    }

    private IEnumerable<string> TrustBundlesOfThisStore()
    {
        yield return System.IO.Path.Combine(DefaultAuthorityPath, "trust.pem");
        IReadOnlyList<string> recorded;
        try { recorded = ExistingStore?.AuditLog.AuthorityPaths() ?? []; }
        catch (System.Data.Common.DbException) { yield break; }
        foreach (var authority in recorded) yield return System.IO.Path.Combine(authority, "trust.pem");
    }

    /// <summary>
    /// Issues one key; writes every record this call committed. Bad fields are a non-terminating error for this item.
    /// Returns true when the key was accepted (committed, or pending in the batch).
    /// </summary>
    /// <param name="stopgapFor">For a stopgap key: the lapsed licence it bridges (recorded in the store).</param>
    /// <param name="mayOverride">The store rule an explicit -Force lets this key past.</param>
    /// <param name="origin">The target of the error written if a store rule refuses the key at commit (default: the payload).</param>
    protected bool Issue(LicensePayload payload, string? auditNote = null, string? stopgapFor = null,
        IssuanceRule? mayOverride = null, object? origin = null)
    {
        var issuer = IssuerFor(payload.Kind);
        CommittedKeys committed;
        try
        {
            // What a refusal at commit names: the row it came from (rows commit in batches, after later rows were read).
            // Described only if the store refuses the key: describing every row cost as much as reading it.
            var context = new Origin(origin ?? payload, CurrentRow, CurrentRow is null ? [] : RowColumns);
            committed = issuer.Add(payload, auditNote, stopgapFor, mayOverride, context);
        }
        catch (ArgumentException e)
        {
            WriteItemError(Errors.InvalidField(e, payload));
            return false;
        }
        if (payload.Product is not null && !_catalogueSeeded)
        {
            // The first product key to be recorded: an empty catalogue (a new store's) becomes the shipped default it was issued from.
            WritableStore.LoadCatalogue(this);
            _catalogueSeeded = true;
        }
        WriteCommitted(committed);
        return true;
    }

    /// <summary>The catalogue to plan keys from: the store's, or the shipped default while there is none yet. Never writes.</summary>
    protected Catalogue.ProductCatalogue PeekCatalogue() => ExistingStore.PeekCatalogue(this);

    protected override void EndProcessing()
    {
        if (_issuer is null) return;
        WriteCommitted(_issuer.Flush());
        WriteVerbose($"{_written:N0} key(s) written to the store {StoreName}.");
    }

    protected override void ReleaseResources()
    {
        _issuer?.Dispose(); // waits for a batch still committing
        _signer?.Dispose();
    }

    // Batches commit while the next one is signed, so a failure is reported with the call that collects it.
    private void WriteCommitted(CommittedKeys committed)
    {
        foreach (var record in committed.Records)
        {
            _written++;
            WriteObject(record);
        }
        foreach (var refused in committed.Refused) WriteError(RefusedError(refused));
        foreach (var failure in committed.Failures)
            WriteError(Errors.Wrap(ErrorIds.LicenseNotRecorded, ErrorCategory.WriteError, StoreName, failure,
                Strings.LicenseNotRecorded, failure.Message));
    }

    private sealed record Origin(object Target, PipelineRow? Row, string[] RowColumns);

    // The store's rules hold at commit, against keys other processes committed after this command checked.
    private static ErrorRecord RefusedError(RefusedKey refused)
    {
        var (key, rule, existing) = refused.Conflict;
        var origin = refused.Origin as Origin;
        var record = rule == IssuanceRule.OneRenewalPerLicence
            ? Errors.Record(ErrorIds.LicenseAlreadyRenewed, ErrorCategory.ResourceExists, key.RenewalOf,
                Strings.LicenseRenewedMeanwhile,
                key.RenewalOf, existing.Serial)
            : Errors.Record(ErrorIds.StopgapAlreadyIssued, ErrorCategory.ResourceExists, origin?.Target,
                Strings.StopgapIssuedMeanwhile,
                existing.Customer, existing.Serial, existing.Product,
                existing.StopgapFor is null ? "no paid licence on record" : "term of licence " + existing.StopgapFor, existing.ExpiresAt?.UtcDateTime);
        if (origin?.Row is not { } row) return record;
        return new ErrorRecord(record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, row.Source)
        {
            ErrorDetails = new ErrorDetails($"{row.Describe(origin.RowColumns)}: {record.Exception.Message}"),
        };
    }

    private LicenseSigner OpenSigner(IssuerRole role)
    {
        if (SigningCertificate is not null && CertificatePath is not null)
            ThrowTerminatingError(Errors.Record(ErrorIds.ConflictingSigningParameters, ErrorCategory.InvalidArgument, CertificatePath,
                Strings.ConflictingSigningParameters));
        var source = SigningCertificate?.Subject ?? CertificatePath ?? DefaultAuthorityPath;
        try
        {
            if (SigningCertificate is not null) return new LicenseSigner(SigningCertificate);
            var password = CertificatePassword.ToPlainText();
            if (CertificatePath is not null)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath);
                if (!File.Exists(path))
                    ThrowTerminatingError(Errors.Record(ErrorIds.SigningCertificateUnavailable, ErrorCategory.ObjectNotFound, path,
                        Directory.Exists(path) ? Strings.CertificatePathIsFolder : Strings.CertificateFileMissing, path));
                WriteVerbose($"Signing with the certificate file {path}.");
                return LicenseAuthority.OpenSigner(path, password);
            }
            if (SigningCertificate is null) WriteVerbose($"Signing with the {role} issuer of the default authority {DefaultAuthorityPath}.");
            return LicenseAuthority.Open(DefaultAuthorityPath).OpenDefaultSigner(role, password);
        }
        catch (CertificateFileUnreadableException e)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.SigningCertificateUnavailable, ErrorCategory.ResourceUnavailable, source, e,
                e.PasswordGiven ? Strings.CertificateWrongPassword : Strings.CertificateNeedsPassword, role, e.Path, e.Problem));
            throw; // unreachable
        }
        catch (Exception e) when (e is IOException or CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.SigningCertificateUnavailable, ErrorCategory.ResourceUnavailable, source, e,
                Strings.SigningCertificateUnavailable,
                role, e.Message));
            throw; // unreachable
        }
    }
}
