using System.Management.Automation;
using System.Security.Cryptography;
using InedoLicense.Machine;
using InedoLicense.Verification;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// What Test-LicenseKey verifies against, loaded once: the trust bundle and a revocation list file (each problem
/// ends the command with its ErrorRecord), and the report of which machine agent keys were compared with.
/// </summary>
internal static class VerificationSources
{
    public static Verification.TrustBundle LoadTrustBundle(PSCmdlet cmdlet, string bundlePath)
    {
        if (!File.Exists(bundlePath))
            cmdlet.ThrowTerminatingError(Errors.Record(ErrorIds.TrustBundleNotFound, ErrorCategory.ObjectNotFound, bundlePath,
                Strings.TrustBundleNotFound, bundlePath));
        try
        {
            return Verification.TrustBundle.Load(bundlePath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            cmdlet.ThrowTerminatingError(Errors.Wrap(ErrorIds.InvalidTrustBundle, ErrorCategory.InvalidData, bundlePath, e,
                Strings.InvalidTrustBundle, bundlePath, e.Message));
            throw; // unreachable
        }
    }

    // No key can be judged against a list that is forged, changed or stale: each problem ends the command.
    public static Verification.RevocationList LoadRevocationList(PSCmdlet cmdlet, string path, Verification.TrustBundle trust, DateTimeOffset at, TimeSpan clockSkew)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(Errors.Wrap(ErrorIds.RevocationListNotFound, ErrorCategory.ObjectNotFound, path, e,
                Strings.RevocationListNotFound, path, e.Message));
            throw; // unreachable
        }
        try
        {
            return Verification.RevocationList.Verify(bytes, trust, at, clockSkew);
        }
        catch (InvalidRevocationListException e)
        {
            var (id, category) = e.Problem switch
            {
                RevocationListProblem.Expired => (ErrorIds.RevocationListExpired, ErrorCategory.InvalidData),
                RevocationListProblem.Malformed => (ErrorIds.InvalidRevocationList, ErrorCategory.InvalidData),
                _ => (ErrorIds.InvalidRevocationList, ErrorCategory.SecurityError),
            };
            cmdlet.ThrowTerminatingError(Errors.Wrap(id, category, path, e, Strings.RevocationListUnusable, path, e.Message));
            throw; // unreachable
        }
    }

    /// <summary>Says which MAC ID agent keys were compared with (or that none qualified), and warns of a locally administered one.</summary>
    public static void ReportThisMachine(Cmdlet cmdlet, MacIdChoice? machine)
    {
        if (machine is null)
        {
            cmdlet.WriteVerbose("Agent keys are checked against this machine, but no adapter qualifies for a MAC ID (Get-MacId -All says why).");
            return;
        }
        cmdlet.WriteVerbose($"Agent keys are compared with this machine's MAC ID {machine.Address} ({machine.InterfaceName}, as Get-MacId chooses).");
        if (machine.IsLocallyAdministered)
            cmdlet.WriteWarning($"This machine's MAC ID {machine.Address} ({machine.InterfaceName}) is locally administered: randomised Wi-Fi, containers and virtual machines change such addresses, so agent keys bound to it may stop matching.");
    }
}
