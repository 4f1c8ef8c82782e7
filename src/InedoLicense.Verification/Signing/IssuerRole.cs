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
