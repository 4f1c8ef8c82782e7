using System.Management.Automation;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

internal static class TtlPolicies
{
    /// <summary>The store's TTL policy; an unreadable one ends the command.</summary>
    public static TtlPolicy Load(PSCmdlet cmdlet, ILicenseStore store)
    {
        try
        {
            return TtlPolicy.Load(store);
        }
        catch (FormatException e)
        {
            cmdlet.ThrowTerminatingError(Errors.Record(ErrorIds.TtlPolicyUnreadable, ErrorCategory.InvalidData, store.Path, e));
            throw; // unreachable
        }
    }
}
