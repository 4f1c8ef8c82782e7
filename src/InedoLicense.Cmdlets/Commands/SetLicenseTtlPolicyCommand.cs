using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Sets the TTLs New-TemporaryOrgLicense accepts (and tab completion offers). Values such as
/// 30m, 1h, 4h, 1d, 7d; at most 30 days. The change is recorded in the audit log.
/// </summary>
[Cmdlet(VerbsCommon.Set, "LicenseTtlPolicy", SupportsShouldProcess = true, DefaultParameterSetName = TtlSet)]
[OutputType(typeof(LicenseTtl))]
public sealed class SetLicenseTtlPolicyCommand : StoreCmdlet
{
    private const string TtlSet = "Ttl";
    private const string DefaultSet = "Default";

    /// <summary>The allowed TTLs. Duplicates (24h and 1d) count once; the order does not matter.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TtlSet)]
    [ValidateNotNullOrEmpty]
    [TtlTransformation]
    public string[] Ttl { get; set; } = [];

    /// <summary>Goes back to the default policy: 1h, 4h, 8h, 1d, 3d, 7d.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
    public SwitchParameter Default { get; set; }

    /// <summary>Outputs the new policy.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        TtlPolicy policy;
        if (Default)
        {
            policy = TtlPolicy.Default;
        }
        else
        {
            foreach (var value in Ttl)
            {
                if (!LicenseTtl.TryParse(value, out _, out var error))
                    ThrowTerminatingError(Errors.Record(ErrorIds.InvalidTtl, ErrorCategory.InvalidArgument, value, error));
            }
            policy = TtlPolicy.From(Ttl);
        }
        if (!ShouldProcess(StoreName, $"Allow temporary organisation keys with TTL {policy.ToString().Replace(",", ", ")}")) return;
        policy.Save(WritableStore, AuditActor.CurrentUser());
        if (PassThru) WriteObject(policy.Allowed, enumerateCollection: true);
    }
}
