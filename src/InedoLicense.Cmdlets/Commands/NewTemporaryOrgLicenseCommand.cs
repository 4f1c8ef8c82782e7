using System.Management.Automation;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Issues a temporary organisation key: lets a partner or developer log into an organisation's
/// agent with their own credentials until the TTL runs out. Only a Super-Admin may issue one
/// (the signing certificate must hold the SuperAdmin role). The key disables saving the data
/// configuration and keeps the login out of the feed; it is not bound to a machine.
/// </summary>
[Cmdlet(VerbsCommon.New, "TemporaryOrgLicense", SupportsShouldProcess = true)]
[OutputType(typeof(LicenseRecord))]
public sealed class NewTemporaryOrgLicenseCommand : SigningCmdlet
{
    /// <summary>Longest -OrganizationId, -IssuedTo and -Purpose; together they must also keep the key under 400 characters.</summary>
    public const int MaxFieldLength = 64;
    private const LicenseRestrictions TemporaryRestrictions =
        LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails;
    private TtlPolicy? _policy;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, MaxFieldLength)]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string OrganizationId { get; set; } = "";

    /// <summary>How long the key lives: one of the TTL policy's values (Get-LicenseTtlPolicy), e.g. 1h, 4h, 1d.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TtlCompleter))]
    [TtlTransformation]
    public string Ttl { get; set; } = "";

    /// <summary>The partner or developer the key is for; shown by Get-TemporaryOrgLicense and carried in the key.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, MaxFieldLength)]
    public string? IssuedTo { get; set; }

    /// <summary>Why the key was issued (a ticket, a project); carried in the key.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, MaxFieldLength)]
    public string? Purpose { get; set; }

    protected override void ProcessRecord()
    {
        _policy ??= ExistingStore is { } store ? TtlPolicies.Load(this, store) : TtlPolicy.Default;
        if (!LicenseTtl.TryParse(Ttl, out var requested, out var parseError) || _policy.Find(requested) is null)
        {
            var allowed = string.Join(", ", _policy.Allowed.Select(t => t.Ttl));
            WriteError(Errors.Record(ErrorIds.TtlNotAllowed, ErrorCategory.InvalidArgument, Ttl,
                Strings.TtlNotAllowed,
                requested is null ? parseError + " " : $"A TTL of {Ttl} is not allowed. ", allowed));
            return;
        }
        if (!ShouldProcess($"organisation {OrganizationId}{(IssuedTo is null ? "" : " for " + IssuedTo)}, {requested.Ttl}", "Issue temporary organisation key")) return;

        var payload = KeyIssuer.NewPayload(LicenseKind.TemporaryOrganization);
        payload = payload with
        {
            OrganizationId = OrganizationId,
            Audience = IssuedTo,
            Purpose = Purpose,
            ExpiresAt = payload.IssuedAt + requested.Duration,
            Restrictions = TemporaryRestrictions,
        };
        var worstCase = KeyLength.WorstCase(payload, SignerCertificateFor(payload.Kind), IncludeCertificates);
        if (worstCase > KeyLength.TemporaryOrganizationMaximum)
        {
            WriteError(Errors.Record(ErrorIds.KeyTooLong, ErrorCategory.InvalidArgument, payload,
                Strings.KeyTooLong,
                worstCase, KeyLength.TemporaryOrganizationMaximum + 1, ((worstCase - KeyLength.TemporaryOrganizationMaximum) * 3 + 3) / 4,
                IncludeCertificates ? ", and leave out -IncludeCertificates" : ""));
            return;
        }
        Issue(payload, "ttl=" + requested.Ttl);
    }
}
