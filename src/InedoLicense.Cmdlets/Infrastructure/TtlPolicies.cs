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
        catch (TtlPolicyUnreadableException e)
        {
            cmdlet.ThrowTerminatingError(Errors.Wrap(ErrorIds.TtlPolicyUnreadable, ErrorCategory.InvalidData, store.Path, e,
                Strings.TtlPolicyUnreadable, e.Stored, e.Problem));
            throw; // unreachable
        }
    }
}
