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
        var store = ExistingStore;
        if (store is null && StorePath is not null)
            WriteWarning($"There is no licence store at {StoreName}: this is the default TTL policy, which a new store starts with.");
        var policy = store is null ? TtlPolicy.Default : TtlPolicies.Load(this, store);
        WriteObject(policy.Allowed, enumerateCollection: true);
    }
}
