using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>The TTLs New-TemporaryOrgLicense accepts, shortest first: the store's policy, or the default one.</summary>
[Cmdlet(VerbsCommon.Get, "LicenseTtlPolicy")]
[OutputType(typeof(LicenseTtl))]
public sealed class GetLicenseTtlPolicyCommand : StoreCmdlet
{
    protected override void EndProcessing()
    {
        // Reading the policy never creates a store: without one the default policy applies.
        var policy = File.Exists(ResolvedStorePath) ? TtlPolicies.Load(this, Store) : TtlPolicy.Default;
        WriteObject(policy.Allowed, enumerateCollection: true);
    }
}
