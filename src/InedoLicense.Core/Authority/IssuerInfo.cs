using System.Security.Cryptography.X509Certificates;
using InedoLicense.Signing;

namespace InedoLicense.Authority;

/// <summary>One issuer certificate of an authority and where its PKCS#12 file is.</summary>
public sealed record IssuerInfo(string Name, IReadOnlySet<IssuerRole> Roles, string CertificatePath, X509Certificate2 Certificate)
{
    public string Thumbprint => Certificate.Thumbprint;
    public string SubjectKeyId => Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().First().SubjectKeyIdentifier!;
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());
}
