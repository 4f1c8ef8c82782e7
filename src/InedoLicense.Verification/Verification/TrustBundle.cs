using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;

namespace InedoLicense.Verification;

/// <summary>
/// The vendor's roots and issuer certificates (a PEM file), with each issuer's chain validated
/// once. Certificates embedded in keys are validated against the same roots and cached.
/// </summary>
public sealed class TrustBundle : IDisposable
{
    private const int EmbeddedCacheLimit = 1024;
    private readonly X509Certificate2Collection _roots = [];
    private readonly X509Certificate2Collection _issuerCertificates = [];
    private readonly Dictionary<string, TrustedIssuer> _bySubjectKeyId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrustedIssuer> _embedded = new(StringComparer.Ordinal);

    public TrustBundle(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
            (IsRoot(certificate) ? _roots : _issuerCertificates).Add(certificate);
        if (_roots.Count == 0)
            throw new ArgumentException("The trust bundle holds no root certificate (a self-signed CA).");
        foreach (var issuer in _issuerCertificates)
        {
            var ski = SubjectKeyIdOf(issuer);
            if (ski is not null) _bySubjectKeyId[ski] = Validate(issuer, _issuerCertificates);
        }
    }

    public static TrustBundle Load(string pemPath)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemPath);
        return new TrustBundle(collection);
    }

    public IEnumerable<X509Certificate2> Roots => _roots;
    public IReadOnlyCollection<TrustedIssuer> Issuers => _bySubjectKeyId.Values;

    /// <summary>The issuer that signed the key, or null when no trusted or embedded certificate has its key identifier.</summary>
    public TrustedIssuer? Find(SignedKey key)
    {
        var ski = key.SubjectKeyIdHex;
        if (_bySubjectKeyId.TryGetValue(ski, out var known)) return known;
        foreach (var raw in key.Certificates)
        {
            var cacheKey = Convert.ToHexString(SHA256.HashData(raw.Span));
            if (_embedded.TryGetValue(cacheKey, out var cached))
            {
                if (SubjectKeyIdOf(cached.Certificate) == ski) return cached;
                continue;
            }
            TrustedIssuer validated;
            try
            {
                var certificate = X509CertificateLoader.LoadCertificate(raw.Span);
                if (SubjectKeyIdOf(certificate) != ski) continue;
                var extra = new X509Certificate2Collection(_issuerCertificates);
                foreach (var other in key.Certificates)
                    try { extra.Add(X509CertificateLoader.LoadCertificate(other.Span)); } catch (CryptographicException) { }
                validated = Validate(certificate, extra);
            }
            catch (CryptographicException)
            {
                // A certificate whose extensions or key cannot even be read (or that breaks chain building) is no issuer.
                continue;
            }
            if (_embedded.Count < EmbeddedCacheLimit) _embedded.TryAdd(cacheKey, validated);
            return validated;
        }
        return null;
    }

    private TrustedIssuer Validate(X509Certificate2 issuer, X509Certificate2Collection intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Time is checked per key, against the window computed below, so one validation serves every moment.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        var built = chain.Build(issuer);
        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        var anchoredInBundle = elements.Count > 1 && _roots.Contains(elements[^1]);
        var problem = built && anchoredInBundle ? ""
            : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty("it does not chain to a root of the trust bundle"));
        var validFrom = elements.Max(e => new DateTimeOffset(e.NotBefore.ToUniversalTime()));
        var validTo = elements.Min(e => new DateTimeOffset(e.NotAfter.ToUniversalTime()));
        return new TrustedIssuer(issuer, built && anchoredInBundle, problem, validFrom, validTo);
    }

    private static bool IsRoot(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)
        && certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static string? SubjectKeyIdOf(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier?.ToUpperInvariant();

    public void Dispose()
    {
        foreach (var issuer in _bySubjectKeyId.Values.Concat(_embedded.Values)) issuer.Dispose();
    }
}
