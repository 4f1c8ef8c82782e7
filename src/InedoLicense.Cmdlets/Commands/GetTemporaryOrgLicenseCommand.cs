using System.Management.Automation;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// An organisation's temporary keys in the order the portal shows them: the active keys, newest
/// first, then only the key that expired last; each with its remaining time.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TemporaryOrgLicense")]
[OutputType(typeof(TemporaryOrgLicense))]
public sealed class GetTemporaryOrgLicenseCommand : StoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string[] OrganizationId { get; set; } = [];

    /// <summary>List as at this moment instead of now ("what will still be active tonight?").</summary>
    [Parameter]
    public DateTimeOffset? At { get; set; }

    protected override void ProcessRecord()
    {
        var at = At ?? DateTimeOffset.UtcNow;
        foreach (var organization in OrganizationId)
            WriteObject(TemporaryOrgLicense.PortalOrder(Store.Licenses.QueryTemporaryKeys(organization, at), at), enumerateCollection: true);
    }
}
