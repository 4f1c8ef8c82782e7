using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

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
    private readonly List<TrustedIssuer> _issuers = [];
    // Several certificates may share a key identifier (an issuer renewed with the same key pair): all are candidates, in file order.
    private readonly Dictionary<string, List<TrustedIssuer>> _bySubjectKeyId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrustedIssuer> _embedded = new(StringComparer.Ordinal);

    public TrustBundle(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
            (IsRoot(certificate) ? _roots : _issuerCertificates).Add(certificate);
        if (_roots.Count == 0)
            throw new ArgumentException("The trust bundle holds no root certificate (a self-signed CA).");
        foreach (var certificate in _issuerCertificates)
        {
            var ski = SubjectKeyIdOf(certificate);
            if (ski is null) continue;
            var issuer = Validate(certificate, _issuerCertificates);
            _issuers.Add(issuer);
            if (!_bySubjectKeyId.TryGetValue(ski, out var list)) _bySubjectKeyId[ski] = list = [];
            list.Add(issuer);
        }
    }

    /// <summary>Reads a PEM file of certificates: the vendor's roots and issuers (trust.pem).</summary>
    public static TrustBundle Load(string pemPath)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemPath);
        return new TrustBundle(collection);
    }

    /// <summary>Reads PEM text of certificates, e.g. a trust bundle embedded in the product as a resource or a constant.</summary>
    public static TrustBundle FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return new TrustBundle(collection);
    }

    public IEnumerable<X509Certificate2> Roots => _roots;
    public IReadOnlyCollection<TrustedIssuer> Issuers => _issuers;

    /// <summary>The first candidate issuer for the key's signer identifier, or null (see <see cref="Candidates"/>).</summary>
    public TrustedIssuer? Find(SignedKey key) => Candidates(key).FirstOrDefault();

    /// <summary>
    /// Every certificate that claims to be the key's signer, by subject key identifier: the bundle's in file order,
    /// then those embedded in the key (validated against the bundle's roots). A verifier tries each in turn.
    /// </summary>
    public IEnumerable<TrustedIssuer> Candidates(SignedKey key)
    {
        var ski = key.SubjectKeyIdHex;
        if (_bySubjectKeyId.TryGetValue(ski, out var known))
            foreach (var issuer in known) yield return issuer;
        foreach (var raw in key.Certificates)
            if (Embedded(key, raw, ski) is { } embedded) yield return embedded;
    }

    /// <summary>
    /// The candidate that signed the key and may be trusted for it: its chain ends at a bundle root, it is fit to sign,
    /// its chain was valid at <paramref name="signedAt"/> (when known), the signature verifies and, when given, it
    /// holds <paramref name="role"/>. When none passes every check, the candidate that passed the most (the first of
    /// those), with the check it failed.
    /// </summary>
    internal SignerChoice ChooseSigner(SignedKey key, DateTimeOffset? signedAt, IssuerRole? role)
    {
        SignerChoice? best = null;
        foreach (var candidate in Candidates(key))
        {
            var failure = !candidate.ChainIsTrusted ? SignerFailure.UntrustedChain
                : candidate.SigningProblem is not null ? SignerFailure.UnfitToSign
                : signedAt is { } moment && !candidate.CoversMoment(moment) ? SignerFailure.NotValidWhenSigned
                : !candidate.VerifySignature(key) ? SignerFailure.BadSignature
                : role is { } needed && !candidate.Roles.Contains(needed) ? SignerFailure.MissingRole
                : SignerFailure.None;
            if (failure == SignerFailure.None) return new SignerChoice(candidate, failure);
            if (best is null || failure > best.Failure) best = new SignerChoice(candidate, failure);
        }
        return best ?? new SignerChoice(null, SignerFailure.NoCandidate);
    }

    private TrustedIssuer? Embedded(SignedKey key, ReadOnlyMemory<byte> raw, string ski)
    {
        var cacheKey = Convert.ToHexString(SHA256.HashData(raw.Span));
        if (_embedded.TryGetValue(cacheKey, out var cached))
            return SubjectKeyIdOf(cached.Certificate) == ski ? cached : null;
        TrustedIssuer validated;
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(raw.Span);
            if (SubjectKeyIdOf(certificate) != ski) return null;
            var extra = new X509Certificate2Collection(_issuerCertificates);
            foreach (var other in key.Certificates)
                try { extra.Add(X509CertificateLoader.LoadCertificate(other.Span)); } catch (CryptographicException) { }
            validated = Validate(certificate, extra);
        }
        catch (CryptographicException)
        {
            // A certificate whose extensions or key cannot even be read (or that breaks chain building) is no issuer.
            return null;
        }
        if (_embedded.Count < EmbeddedCacheLimit) _embedded.TryAdd(cacheKey, validated);
        return validated;
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
        foreach (var issuer in _issuers.Concat(_embedded.Values)) issuer.Dispose();
    }
}

/// <summary>How far a candidate signer got (docs/key-format.md §5, steps 4 to 9); later values are further.</summary>
internal enum SignerFailure
{
    NoCandidate,
    UntrustedChain,
    UnfitToSign,
    NotValidWhenSigned,
    BadSignature,
    MissingRole,
    None,
}

internal sealed record SignerChoice(TrustedIssuer? Issuer, SignerFailure Failure);
