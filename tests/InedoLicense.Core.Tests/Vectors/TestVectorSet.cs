using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Vectors;

/// <summary>
/// Makes the test vectors of docs/test-vectors: an authority with fixed dates (from 2026-01-01), issuers of every kind
/// the spec accepts and refuses, keys of every kind and algorithm, tampered and edge-case keys, a revocation list.
/// Rewrite: INEDOLICENSE_WRITE_VECTORS=docs/test-vectors dotnet test tests/InedoLicense.Core.Tests --filter TestVectorTests
/// </summary>
public sealed class TestVectorSet : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    /// <summary>The usual moment of evaluation: after the revocation list was issued.</summary>
    public static readonly DateTimeOffset M = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public const string Organization = "ORG-VECTOR-7f3a9c";
    public const string MacId = "00-1A-2B-3C-4D-5E";

    private readonly List<IDisposable> _owned = [];
    private readonly List<TestVector> _vectors = [];
    private readonly List<X509Certificate2> _bundle = [];
    private readonly List<RevokedKey> _revoked = [];

    public TestVectorSet()
    {
        var ecRoot = Own(CertificateFactory.CreateRoot("Vector Vendor", KeyAlgorithm.EcdsaP256, T0));
        var rsaRoot = Own(CertificateFactory.CreateRoot("Vector Vendor RSA", KeyAlgorithm.Rsa3072, T0));
        var ecIssuer = Own(CertificateFactory.CreateIssuer(ecRoot, "Vector Vendor Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, T0));
        var ecSuper = Own(CertificateFactory.CreateIssuer(ecRoot, "Vector Vendor SuperAdmin", [IssuerRole.SuperAdmin], KeyAlgorithm.EcdsaP256, T0));
        var rsaIssuer = Own(CertificateFactory.CreateIssuer(rsaRoot, "Vector Vendor RSA Issuer", [IssuerRole.Issuer, IssuerRole.SuperAdmin], KeyAlgorithm.Rsa3072, T0));
        var shortLived = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor Short-lived Issuer", Own(ECDsa.Create(ECCurve.NamedCurves.nistP256)), T0, T0.AddDays(90)));
        var renewedKey = Own(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var renewedOld = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor Renewed Issuer", renewedKey, T0, T0.AddYears(1)));
        var renewedNew = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor Renewed Issuer", renewedKey, T0.AddYears(1), T0.AddYears(11)));
        var p384 = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor P-384 Issuer", Own(ECDsa.Create(ECCurve.NamedCurves.nistP384)), T0, T0.AddYears(10)));
        var rsa1024 = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor RSA-1024 Issuer", Own(RSA.Create(1024)), T0, T0.AddYears(10)));
        var caSigner = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor CA Issuer", Own(ECDsa.Create(ECCurve.NamedCurves.nistP256)), T0, T0.AddYears(10), certificateAuthority: true));
        var noSigning = Own(CustomIssuers.Issuer(ecRoot, "Vector Vendor No-DigitalSignature Issuer", Own(ECDsa.Create(ECCurve.NamedCurves.nistP256)), T0, T0.AddYears(10),
            usage: X509KeyUsageFlags.NonRepudiation));
        var ed25519 = Own(CustomIssuers.Ed25519Issuer(ecRoot, T0, T0.AddYears(10)));
        var elsewhereRoot = Own(CertificateFactory.CreateRoot("Elsewhere", KeyAlgorithm.EcdsaP256, T0));
        var elsewhere = Own(CertificateFactory.CreateIssuer(elsewhereRoot, "Elsewhere Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, T0));
        _bundle.AddRange([ecRoot, rsaRoot, ecIssuer, ecSuper, rsaIssuer, shortLived, renewedOld, renewedNew, p384, rsa1024, caSigner, noSigning]);

        var issuer = Signer(ecIssuer);
        var superAdmin = Signer(ecSuper);
        var rsa = Signer(rsaIssuer);

        // Keys of every kind and algorithm.
        var license = License(T0.AddDays(120)) with { ExpiresAt = T0.AddDays(120).AddYears(1) };
        var licenseDer = issuer.Sign(license);
        Add("license-ecdsa", "A paid licence signed with ECDSA P-256.", licenseDer, M, LicenseStatus.Valid);
        Add("license-ecdsa-before-the-authority-existed", "Evaluated before its issuer (and its own notBefore): the key's window decides (§4.4).",
            licenseDer, T0.AddDays(-31), LicenseStatus.NotYetValid);
        Add("license-ecdsa-expiry-within-skew", "299 s after expiresAt: the 5-minute skew still accepts it.", licenseDer, license.ExpiresAt!.Value.AddSeconds(299), LicenseStatus.Valid);
        Add("license-ecdsa-expiry-beyond-skew", "300 s after expiresAt.", licenseDer, license.ExpiresAt!.Value.AddSeconds(300), LicenseStatus.Expired);
        Add("license-ecdsa-at-the-end-of-time", "Evaluated at 9999-12-31T23:59:59Z, the last moment a verifier must handle.", licenseDer,
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), LicenseStatus.Expired);
        var later = License(T0.AddDays(120)) with { NotBefore = T0.AddDays(181), ExpiresAt = T0.AddDays(181).AddYears(1) };
        var laterDer = issuer.Sign(later);
        Add("license-not-before-within-skew", "300 s before notBefore.", laterDer, later.NotBefore.AddSeconds(-300), LicenseStatus.Valid);
        Add("license-not-before-beyond-skew", "301 s before notBefore.", laterDer, later.NotBefore.AddSeconds(-301), LicenseStatus.NotYetValid);
        var perpetual = issuer.Sign(License(T0.AddDays(120)) with { Edition = "Free", ExpiresAt = null });
        Add("license-perpetual-after-its-issuer-expired", "Issued while its issuer was valid; the issuer expired in 2036; the chain is judged at issuedAt (§4.4).",
            perpetual, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), LicenseStatus.Valid);
        Add("license-perpetual-at-the-end-of-time", "A perpetual key at 9999-12-31T23:59:59Z.", perpetual, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), LicenseStatus.Valid);
        Add("license-rsa", "A paid licence signed with RSA 3072 under a second root of the bundle.", rsa.Sign(License(T0.AddDays(120)) with { ExpiresAt = T0.AddDays(500) }), M, LicenseStatus.Valid);
        Add("license-embedded-certificate", "A licence that embeds its issuer certificate.",
            issuer.Sign(License(T0.AddDays(120)) with { ExpiresAt = T0.AddDays(500) }, includeCertificates: true), M, LicenseStatus.Valid);
        Add("stopgap", "A 30-day stopgap key with the trial banner.", issuer.Sign(License(M.AddDays(-2)) with
        {
            Kind = LicenseKind.Stopgap, Edition = "Trial", Banner = "trial", Purpose = "PurchaseOrderPending", ExpiresAt = M.AddDays(28), Features = ["FeedReplication"],
        }), M, LicenseStatus.Valid);
        var agent = issuer.Sign(Agent(T0.AddDays(100)));
        Add("agent", "An agent key checked on its machine.", agent, M, LicenseStatus.Valid, macId: MacId, organizationId: Organization);
        Add("agent-mac-id-other-spelling", "The expected MAC ID in lower case matches (ASCII case).", agent, M, LicenseStatus.Valid, macId: MacId.ToLowerInvariant());
        Add("agent-on-another-machine", "An agent key checked on another machine.", agent, M, LicenseStatus.MachineMismatch, macId: "00-1A-2B-3C-4D-5F");
        var temporary = superAdmin.Sign(Temporary(M.AddHours(-1)));
        Add("temporary-organization", "A temporary organisation key; the organisation differs in ASCII case only.", temporary, M, LicenseStatus.Valid,
            organizationId: Organization.ToLowerInvariant());
        Add("temporary-organization-expired", "Nine hours later (8-hour key, 5-minute skew).", temporary, M.AddHours(8), LicenseStatus.Expired);
        Add("temporary-organization-other-organization", "A temporary key used in another organisation.", temporary, M, LicenseStatus.OrganizationMismatch,
            organizationId: "ORG-ELSEWHERE");
        Add("temporary-organization-rsa", "A temporary key signed by an RSA issuer that holds both roles.", rsa.Sign(Temporary(M.AddHours(-1))), M, LicenseStatus.Valid);
        var hub = issuer.Sign(License(T0.AddDays(120)) with { Product = "Inedo Hub", ExpiresAt = T0.AddDays(500) });
        Add("product-ascii-case", "The expected product matches in another ASCII case.", hub, M, LicenseStatus.Valid, product: "INEDO HUB");
        Add("product-dotted-capital-i", "U+0130 is not I: only ASCII letters match case-insensitively.", hub, M, LicenseStatus.ProductMismatch, product: "\u0130nedo Hub");
        Add("product-dotless-i", "U+0131 is not i.", hub, M, LicenseStatus.ProductMismatch, product: "\u0131nedo hub");
        Add("product-other", "Another product.", hub, M, LicenseStatus.ProductMismatch, product: "ProGet");

        // Revocations: the list (revoked.pem) was issued on 2026-05-31.
        var revoked = License(T0.AddDays(100)) with { Customer = "Refunded Ltd", ExpiresAt = T0.AddDays(500) };
        _revoked.Add(new RevokedKey(revoked.Serial, T0.AddDays(140), "refund"));
        var revokedDer = issuer.Sign(revoked);
        Add("revoked", "On the revocation list.", revokedDer, M, LicenseStatus.Revoked, revocationList: true);
        Add("revoked-without-the-list", "The same key, no list given.", revokedDer, M, LicenseStatus.Valid);
        Add("revoked-before-its-revocation-time", "Evaluated before its revokedAt: a revocation is not tied to a moment.", revokedDer, T0.AddDays(120),
            LicenseStatus.Revoked, revocationList: true);

        // Tampered and malformed keys.
        Add("tampered-content", "One letter of the customer changed after signing.", KeyBytes.ChangeContentText(licenseDer, "Vector Customer"), M, LicenseStatus.BadSignature);
        Add("tampered-signature", "One byte of the signature changed.", KeyBytes.ChangeSignature(licenseDer), M, LicenseStatus.BadSignature);
        var text = KeyText.Encode(licenseDer);
        AddText("truncated", "The last 20 characters cut off.", text[..^20], M, LicenseStatus.Malformed);
        AddText("prefix-lower-case", "The prefix is case-sensitive.", "ilk1." + text[5..], M, LicenseStatus.Malformed);
        AddText("prefix-missing", "Bare base64url without the prefix.", text[5..], M, LicenseStatus.Malformed);
        AddText("empty", "Only white space.", " \r\n\t", M, LicenseStatus.Malformed);
        Add("payload-version-2", "A correctly signed payload of version 2.", issuer.SignContent(Version2(trailing: false)), M, LicenseStatus.UnsupportedVersion);
        Add("payload-version-2-trailing-bytes", "Version 2, followed by bytes after the outer SEQUENCE: the DER fails first (§3.3).",
            issuer.SignContent(Version2(trailing: true)), M, LicenseStatus.Malformed);
        Add("license-without-product", "Signed correctly, but a License must carry a product (§3.2).", issuer.Sign(License(T0.AddDays(120)) with { Product = null }), M, LicenseStatus.Malformed);
        Add("agent-without-mac-id", "An Agent must carry a MAC ID.", issuer.Sign(Agent(T0.AddDays(120)) with { MacId = null }), M, LicenseStatus.Malformed, macId: MacId);
        Add("stopgap-without-expiry", "A Stopgap must expire.", issuer.Sign(License(T0.AddDays(120)) with { Kind = LicenseKind.Stopgap, ExpiresAt = null }), M, LicenseStatus.Malformed);
        Add("expires-before-it-starts", "expiresAt is not after notBefore.", issuer.Sign(License(T0.AddDays(120)) with { ExpiresAt = T0.AddDays(120) }), M, LicenseStatus.Malformed);
        Add("temporary-organization-signed-by-issuer", "The Issuer role may not sign temporary keys.", issuer.Sign(Temporary(M.AddHours(-1))), M, LicenseStatus.IssuerNotAuthorizedForKind);
        Add("license-signed-by-superadmin", "The SuperAdmin role alone may not sign licences.", superAdmin.Sign(License(T0.AddDays(120))), M, LicenseStatus.IssuerNotAuthorizedForKind);

        // What people do to keys when they paste them (§1.2).
        AddText("text-wrapped-crlf", "Wrapped at 64 characters with CR LF, indented.", "  " + string.Join("\r\n  ", text.Chunk(64).Select(c => new string(c))), M, LicenseStatus.Valid);
        AddText("text-byte-order-mark", "A U+FEFF byte order mark before the key.", "\uFEFF" + text, M, LicenseStatus.Valid);
        AddText("text-zero-width-space", "A U+200B zero width space inside.", text[..100] + "\u200B" + text[100..], M, LicenseStatus.Valid);
        AddText("text-no-break-space", "A U+00A0 no-break space inside.", text[..100] + "\u00A0" + text[100..], M, LicenseStatus.Valid);
        AddText("text-mail-quoted", "Quoted in a reply: '> ' at the start of each line.", string.Join("\n", text.Chunk(60).Select(c => "> " + new string(c))), M, LicenseStatus.Valid);
        AddText("text-armoured", "PEM-style armour, 64-character lines.", KeyText.ToArmoured(text), M, LicenseStatus.Valid);
        AddText("text-armoured-standard-base64", "Armour around standard base64 with padding and no prefix.",
            $"-----BEGIN {KeyText.ArmourLabel}-----\n{string.Join("\n", Convert.ToBase64String(licenseDer).Chunk(64).Select(c => new string(c)))}\n-----END {KeyText.ArmourLabel}-----",
            M, LicenseStatus.Valid);
        AddText("text-information-separator", "U+001C inside: not white space here (Python's isspace says it is).", text[..100] + "\u001C" + text[100..], M, LicenseStatus.Malformed);
        AddText("text-quote-marker-inside-a-line", "A '>' that does not open a line.", text[..100] + ">" + text[100..], M, LicenseStatus.Malformed);
        AddText("text-spare-bits", "The last character's spare bits are not zero.", WithSpareBits(issuer), M, LicenseStatus.Malformed);

        // Issuers: which chains and certificates a verifier accepts (§4.4, §4.5).
        Add("issuer-p384", "Signed by an issuer with a P-384 key.", Signer(p384).Sign(License(T0.AddDays(120))), M, LicenseStatus.UntrustedIssuer);
        Add("issuer-rsa-1024", "Signed by an issuer with an RSA 1024 key.", Signer(rsa1024).Sign(License(T0.AddDays(120))), M, LicenseStatus.UntrustedIssuer);
        Add("issuer-is-a-ca", "Signed by a certificate with BasicConstraints cA=TRUE.", Signer(caSigner).Sign(License(T0.AddDays(120))), M, LicenseStatus.UntrustedIssuer);
        Add("issuer-without-digital-signature", "Signed by a certificate whose KeyUsage lacks digitalSignature.", Signer(noSigning).Sign(License(T0.AddDays(120))), M, LicenseStatus.UntrustedIssuer);
        Add("issuer-ed25519-embedded", "Claims an embedded Ed25519 issuer certificate that chains to the root.", CustomIssuers.KeyClaimingSigner(ed25519, License(T0.AddDays(120))),
            M, LicenseStatus.UntrustedIssuer);
        var shortSigner = Signer(shortLived);
        Add("issuer-expired-key-issued-while-valid", "Issued 30 days into its issuer's 90; evaluated years later.", shortSigner.Sign(License(T0.AddDays(30)) with { Edition = "Free", ExpiresAt = null }),
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), LicenseStatus.Valid);
        Add("issuer-expired-before-the-key-was-issued", "Issued 100 days in, after its issuer expired at 90.", shortSigner.Sign(License(T0.AddDays(100))), T0.AddDays(100),
            LicenseStatus.UntrustedIssuer);
        Add("issued-before-its-issuer", "issuedAt one day before the issuer certificate's notBefore.", issuer.Sign(License(T0.AddDays(-1)) with { ExpiresAt = T0.AddDays(300) }), M,
            LicenseStatus.UntrustedIssuer);
        var renewedSigner = Signer(renewedNew);
        Add("issuer-renewed-old-certificate", "Two bundle certificates share the key identifier; this key was issued under the first.",
            renewedSigner.Sign(License(T0.AddDays(100)) with { ExpiresAt = T0.AddDays(900) }), M, LicenseStatus.Valid);
        Add("issuer-renewed-new-certificate", "Issued under the renewed certificate.", renewedSigner.Sign(License(T0.AddDays(400)) with { ExpiresAt = T0.AddDays(900) }),
            T0.AddDays(401), LicenseStatus.Valid);
        var elsewhereSigner = Signer(elsewhere);
        Add("another-authority", "Signed by another authority's issuer.", elsewhereSigner.Sign(License(T0.AddDays(120))), M, LicenseStatus.UntrustedIssuer);
        Add("another-authority-embedded", "Another authority's issuer, embedded in the key.", elsewhereSigner.Sign(License(T0.AddDays(120)), includeCertificates: true), M,
            LicenseStatus.UntrustedIssuer);

        RevocationListDer = RevocationListSigner.Sign(issuer, _revoked, T0.AddDays(150), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        TrustPem = string.Concat(_bundle.Select(c => c.ExportCertificatePem() + "\n"));
    }

    public IReadOnlyList<TestVector> Vectors => _vectors;
    public string TrustPem { get; }
    public byte[] RevocationListDer { get; }

    public TestVectorFile ToFile() => new()
    {
        Format = TestVectorFile.FormatName,
        Description = "Keys with the status a verifier of docs/key-format.md must give at the stated moment. See README.md.",
        TrustBundle = TestVectorFile.TrustFile,
        RevocationList = TestVectorFile.RevocationListFile,
        ClockSkewSeconds = (int)LicenseVerifier.DefaultClockSkew.TotalSeconds,
        Vectors = _vectors,
    };

    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, TestVectorFile.VectorsFile),
            System.Text.Json.JsonSerializer.Serialize(ToFile(), TestVectorFile.Json) + "\n");
        File.WriteAllText(Path.Combine(folder, TestVectorFile.TrustFile), TrustPem);
        File.WriteAllText(Path.Combine(folder, TestVectorFile.RevocationListFile), RevocationList.ToText(RevocationListDer));
    }

    private static LicensePayload License(DateTimeOffset issuedAt) => new()
    {
        Serial = LicenseSerial.NewSerial(),
        Kind = LicenseKind.License,
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        ExpiresAt = issuedAt.AddYears(1),
        Customer = "Vector Customer",
        Product = "ProGet",
        Edition = "Basic",
    };

    private static LicensePayload Agent(DateTimeOffset issuedAt) => new()
    {
        Serial = LicenseSerial.NewSerial(),
        Kind = LicenseKind.Agent,
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        OrganizationId = Organization,
        MacId = MacId,
    };

    private static LicensePayload Temporary(DateTimeOffset issuedAt) => new()
    {
        Serial = LicenseSerial.NewSerial(),
        Kind = LicenseKind.TemporaryOrganization,
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        ExpiresAt = issuedAt.AddHours(8),
        OrganizationId = Organization,
        Audience = "dev@partner.example",
        Purpose = "Debug the sync",
        Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
    };

    private static byte[] Version2(bool trailing)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(2);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "a field only version 2 knows");
        }
        return trailing ? [.. writer.Encode(), 0x05, 0x00] : writer.Encode();
    }

    // A valid key whose base64url text ends on spare bits, with one of them set.
    private static string WithSpareBits(LicenseSigner issuer)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        while (true)
        {
            var text = KeyText.Encode(issuer.Sign(License(T0.AddDays(120))));
            var value = alphabet.IndexOf(text[^1], StringComparison.Ordinal);
            if ((text.Length - KeyText.Prefix.Length) % 4 == 0 || value == 63) continue;
            return text[..^1] + alphabet[value + 1];
        }
    }

    private LicenseSigner Signer(X509Certificate2 certificate) => Own(new LicenseSigner(certificate));

    private void Add(string name, string description, byte[] der, DateTimeOffset at, LicenseStatus expected,
        string? product = null, string? organizationId = null, string? macId = null, bool revocationList = false) =>
        AddText(name, description, KeyText.Encode(der), at, expected, product, organizationId, macId, revocationList);

    private void AddText(string name, string description, string key, DateTimeOffset at, LicenseStatus expected,
        string? product = null, string? organizationId = null, string? macId = null, bool revocationList = false) =>
        _vectors.Add(new TestVector
        {
            Name = name,
            Description = description,
            At = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Product = product,
            OrganizationId = organizationId,
            MacId = macId,
            RevocationList = revocationList,
            Expected = expected.ToString(),
            Key = key,
        });

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
    }
}
