using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;

namespace InedoLicense.Signing;

/// <summary>What an issuer certificate may sign; carried as an extended key usage of our own.</summary>
public enum IssuerRole
{
    /// <summary>Ordinary keys: licences, stopgaps, agent registrations.</summary>
    Issuer,
    /// <summary>Temporary organisation keys, which only a Super-Admin may issue.</summary>
    SuperAdmin,
}

public static class IssuerRoles
{
    // UUID-derived OIDs under the 2.25 arc (ITU-T X.667): nothing to register.
    public const string IssuerOid = "2.25.289596803588640271378674151015748153268";   // d9de50ca-0c7a-4d88-9adb-7298dfab2fb4
    public const string SuperAdminOid = "2.25.12353760152443321226466006591588156262"; // 094b3f66-aaf7-4041-90b0-d693f2824366

    public static string Oid(IssuerRole role) => role switch
    {
        IssuerRole.Issuer => IssuerOid,
        IssuerRole.SuperAdmin => SuperAdminOid,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role a key of this kind must be signed under.</summary>
    public static IssuerRole RequiredFor(LicenseKind kind) =>
        kind == LicenseKind.TemporaryOrganization ? IssuerRole.SuperAdmin : IssuerRole.Issuer;

    public static IReadOnlySet<IssuerRole> Of(X509Certificate2 certificate)
    {
        var roles = new HashSet<IssuerRole>();
        foreach (var extension in certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>())
            foreach (var usage in extension.EnhancedKeyUsages)
            {
                if (usage.Value == IssuerOid) roles.Add(IssuerRole.Issuer);
                else if (usage.Value == SuperAdminOid) roles.Add(IssuerRole.SuperAdmin);
            }
        return roles;
    }
}
