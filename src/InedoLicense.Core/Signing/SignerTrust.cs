using System.Security.Cryptography.X509Certificates;

namespace InedoLicense.Signing;

/// <summary>
/// Whether a signing certificate chains to a root of a trust bundle (PEM: roots and issuers), now: the check a
/// verifier makes, made before a key is signed, so that issuing does not trust a certificate's role field alone.
/// </summary>
public static class SignerTrust
{
    /// <summary>Null when <paramref name="certificate"/> chains to a root of the bundle and is valid at <paramref name="at"/>; else why not.</summary>
    public static string? Problem(X509Certificate2 certificate, string trustBundlePath, DateTimeOffset at)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(trustBundlePath);
        try
        {
            return Check(certificate, bundle, trustBundlePath, at);
        }
        finally
        {
            foreach (var member in bundle) member.Dispose();
        }
    }

    private static string? Check(X509Certificate2 certificate, X509Certificate2Collection bundle, string trustBundlePath, DateTimeOffset at)
    {
        var roots = bundle.Where(IsRoot).ToList();
        if (roots.Count == 0) return $"{trustBundlePath} holds no root certificate";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(bundle.Where(c => !IsRoot(c)).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        var built = chain.Build(certificate);
        var top = chain.ChainElements.Count > 1 ? chain.ChainElements[^1].Certificate : null;
        if (built && top is not null && roots.Any(r => r.RawData.AsSpan().SequenceEqual(top.RawData))) return null;
        var statuses = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        return statuses.Count > 0 ? string.Join("; ", statuses) : $"it does not chain to a root of {trustBundlePath}";
    }

    private static bool IsRoot(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)
        && certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
}
