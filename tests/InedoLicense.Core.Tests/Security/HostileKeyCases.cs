using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Security;

/// <summary>One hostile or valid key and the status a verifier must give it at the corpus moment.</summary>
public sealed record HostileKeyCase(string Name, LicenseStatus Expected, string Text);

/// <summary>
/// Builds the structured hostile cases: keys from other roots, self-signed and expired issuers,
/// the wrong role, forged signer identifiers, tampered payloads, CMS made with SignedCms that
/// carries other payloads or other CMS shapes, and format garbage. Every certificate is made in
/// memory; <see cref="TrustPem"/> is the bundle a verifier of these cases trusts.
/// </summary>
public sealed class HostileKeyCases : IDisposable
{
    private const string Sha384 = "2.16.840.1.101.3.4.2.2";
    private readonly List<X509Certificate2> _owned = [];
    private readonly X509Certificate2 _root, _rsaRoot, _issuer, _superAdmin, _noRole, _expiredIssuer, _futureIssuer, _rsaIssuer;

    public HostileKeyCases(DateTimeOffset at)
    {
        At = at;
        _root = Own(CertificateFactory.CreateRoot("Corpus Vendor", KeyAlgorithm.EcdsaP256, at.AddYears(-12)));
        _rsaRoot = Own(CertificateFactory.CreateRoot("Corpus RSA Vendor", KeyAlgorithm.Rsa3072, at.AddYears(-12)));
        _issuer = Own(CertificateFactory.CreateIssuer(_root, "Corpus Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, at.AddYears(-1)));
        _superAdmin = Own(CertificateFactory.CreateIssuer(_root, "Corpus SuperAdmin", [IssuerRole.SuperAdmin], KeyAlgorithm.EcdsaP256, at.AddYears(-1)));
        _noRole = Own(CertificateFactory.CreateIssuer(_root, "Corpus No Role", [], KeyAlgorithm.EcdsaP256, at.AddYears(-1)));
        // Ten-year issuers: made eleven years ago it ended last year; made next year it has not begun.
        _expiredIssuer = Own(CertificateFactory.CreateIssuer(_root, "Corpus Expired Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, at.AddYears(-11)));
        _futureIssuer = Own(CertificateFactory.CreateIssuer(_root, "Corpus Future Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, at.AddYears(1)));
        _rsaIssuer = Own(CertificateFactory.CreateIssuer(_rsaRoot, "Corpus RSA Issuer", [IssuerRole.Issuer], KeyAlgorithm.Rsa3072, at.AddYears(-1)));
        Cases = Build();
    }

    public DateTimeOffset At { get; }
    public IReadOnlyList<HostileKeyCase> Cases { get; }

    public string TrustPem => string.Concat(new[] { _root, _rsaRoot, _issuer, _superAdmin, _noRole, _expiredIssuer, _futureIssuer, _rsaIssuer }
        .Select(c => c.ExportCertificatePem() + "\n"));

    public TrustBundle LoadTrust() =>
        new(new[] { _root, _rsaRoot, _issuer, _superAdmin, _noRole, _expiredIssuer, _futureIssuer, _rsaIssuer }
            .Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));

    private IReadOnlyList<HostileKeyCase> Build()
    {
        var cases = new List<HostileKeyCase>();
        void Add(string name, LicenseStatus expected, string text) => cases.Add(new HostileKeyCase(name, expected, text));
        void AddDer(string name, LicenseStatus expected, byte[] der) => Add(name, expected, KeyText.Encode(der));

        using var issuer = new LicenseSigner(_issuer);
        using var rsaIssuer = new LicenseSigner(_rsaIssuer);
        using var superAdmin = new LicenseSigner(_superAdmin);
        var license = License("Contoso") with { ExpiresAt = At.AddDays(30) };
        var validDer = issuer.Sign(license);

        // Valid keys: the bases the fuzz test mutates.
        AddDer("valid-license-ecdsa", LicenseStatus.Valid, validDer);
        AddDer("valid-license-rsa", LicenseStatus.Valid, rsaIssuer.Sign(License("Fabrikam")));
        AddDer("valid-agent", LicenseStatus.Valid, issuer.Sign(Payload(LicenseKind.Agent) with { OrganizationId = "org-42", MacId = "00-1A-2B-3C-4D-5E" }));
        AddDer("valid-temporary-organization", LicenseStatus.Valid, superAdmin.Sign(TemporaryOrganization()));
        AddDer("valid-license-embedded-certificate", LicenseStatus.Valid, issuer.Sign(License("Northwind"), includeCertificates: true));
        AddDer("valid-license-made-by-signedcms", LicenseStatus.Valid, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Adventure Works"))));
        Add("valid-license-armoured-on-one-line", LicenseStatus.Valid, KeyText.ToArmoured(KeyText.Encode(validDer)).Replace('\n', ' '));
        AddDer("expired-2-minutes-ago-within-clock-skew", LicenseStatus.Valid, issuer.Sign(License("Skew") with { ExpiresAt = At.AddMinutes(-2) }));

        // Validity and policy.
        AddDer("expired-key", LicenseStatus.Expired, issuer.Sign(License("Lapsed") with { ExpiresAt = At.AddMinutes(-30) }));
        AddDer("expired-10-minutes-ago-beyond-clock-skew", LicenseStatus.Expired, issuer.Sign(License("Late") with { ExpiresAt = At.AddMinutes(-10) }));
        AddDer("not-yet-valid-key", LicenseStatus.NotYetValid, issuer.Sign(License("Early") with { NotBefore = At.AddDays(1), ExpiresAt = At.AddDays(30) }));

        // The wrong role: each chains to the root.
        AddDer("temporary-organization-signed-by-issuer-role", LicenseStatus.IssuerNotAuthorizedForKind, issuer.Sign(TemporaryOrganization()));
        AddDer("license-signed-by-superadmin-role", LicenseStatus.IssuerNotAuthorizedForKind, superAdmin.Sign(License("Contoso")));
        using (var noRole = new LicenseSigner(_noRole))
            AddDer("license-signed-by-certificate-without-role", LicenseStatus.IssuerNotAuthorizedForKind, noRole.Sign(License("Contoso")));

        // Issuers the bundle must not trust.
        using (var expired = new LicenseSigner(_expiredIssuer))
            AddDer("expired-issuer", LicenseStatus.UntrustedIssuer, expired.Sign(License("Contoso")));
        using (var future = new LicenseSigner(_futureIssuer))
            AddDer("not-yet-valid-issuer", LicenseStatus.UntrustedIssuer, future.Sign(License("Contoso")));
        using (var otherRoot = Own(CertificateFactory.CreateRoot("Other Vendor", KeyAlgorithm.EcdsaP256, At.AddYears(-1))))
        using (var otherIssuerCertificate = Own(CertificateFactory.CreateIssuer(otherRoot, "Other Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, At.AddDays(-30))))
        {
            using var otherSigner = new LicenseSigner(otherIssuerCertificate);
            AddDer("other-root-issuer", LicenseStatus.UntrustedIssuer, otherSigner.Sign(License("Contoso")));
            using var otherWithChain = new LicenseSigner(otherIssuerCertificate, [otherRoot]);
            AddDer("other-root-issuer-with-embedded-chain", LicenseStatus.UntrustedIssuer, otherWithChain.Sign(License("Contoso"), includeCertificates: true));
        }
        using (var selfSigned = SelfSignedIssuer("CN=Forged Issuer", subjectKeyId: null))
        {
            using var forged = new LicenseSigner(selfSigned);
            AddDer("self-signed-issuer-embedded", LicenseStatus.UntrustedIssuer, forged.Sign(License("Contoso"), includeCertificates: true));
        }
        using (var forgedRoot = Own(CertificateFactory.CreateRoot("Corpus Vendor", KeyAlgorithm.EcdsaP256, At.AddYears(-1))))
        using (var forgedIssuer = Own(CertificateFactory.CreateIssuer(forgedRoot, "Corpus Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, At.AddDays(-1))))
        {
            using var forged = new LicenseSigner(forgedIssuer, [forgedRoot]);
            AddDer("look-alike-root-and-issuer-embedded", LicenseStatus.UntrustedIssuer, forged.Sign(License("Contoso"), includeCertificates: true));
        }
        using (var subIssuer = IssuedByEndEntity(_issuer))
        {
            using var sub = new LicenseSigner(subIssuer, [_issuer]);
            AddDer("issuer-certified-by-end-entity-issuer", LicenseStatus.UntrustedIssuer, sub.Sign(License("Contoso"), includeCertificates: true));
        }

        // A forged signer identifier: the trusted issuer's key identifier over an attacker's signature.
        var issuerKeyId = SubjectKeyId(_issuer);
        using (var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var content = PayloadCodec.Encode(License("Mallory"));
            var signature = attacker.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            AddDer("forged-signature-under-trusted-key-identifier", LicenseStatus.BadSignature,
                SignedDataCodec.Write(content, issuerKeyId, "1.2.840.10045.4.3.2", signature));
        }
        using (var collision = SelfSignedIssuer("CN=Corpus Issuer", issuerKeyId))
        {
            using var forged = new LicenseSigner(collision);
            AddDer("self-signed-issuer-with-trusted-key-identifier-embedded", LicenseStatus.BadSignature, forged.Sign(License("Mallory"), includeCertificates: true));
        }

        // Tampering with a valid key's parts.
        var valid = SignedDataCodec.Read(validDer);
        var other = SignedDataCodec.Read(issuer.Sign(License("Someone Else")));
        AddDer("customer-changed-signature-kept", LicenseStatus.BadSignature,
            SignedDataCodec.Write(PayloadCodec.Encode(PayloadCodec.Decode(valid.Content) with { Customer = "Mallory" }), valid.SubjectKeyId, valid.SignatureAlgorithm, valid.Signature.Span));
        AddDer("expiry-stretched-signature-kept", LicenseStatus.BadSignature,
            SignedDataCodec.Write(PayloadCodec.Encode(PayloadCodec.Decode(valid.Content) with { ExpiresAt = null }), valid.SubjectKeyId, valid.SignatureAlgorithm, valid.Signature.Span));
        AddDer("signature-of-another-key", LicenseStatus.BadSignature,
            SignedDataCodec.Write(valid.Content.Span, valid.SubjectKeyId, valid.SignatureAlgorithm, other.Signature.Span));
        AddDer("ecdsa-algorithm-claimed-for-rsa-issuer", LicenseStatus.BadSignature,
            SignedDataCodec.Write(valid.Content.Span, SubjectKeyId(_rsaIssuer), valid.SignatureAlgorithm, valid.Signature.Span));

        // Valid CMS from SignedCms, signed by the trusted issuer, carrying what is not a key payload, or in another CMS shape.
        AddDer("signedcms-random-bytes", LicenseStatus.Malformed, SignedCmsKey(_issuer, RandomNumberGenerator.GetBytes(48)));
        AddDer("signedcms-utf8-text", LicenseStatus.Malformed, SignedCmsKey(_issuer, Encoding.UTF8.GetBytes("Product=ProGet;Edition=Enterprise;Expires=never")));
        AddDer("signedcms-empty-content", LicenseStatus.Malformed, SignedCmsKey(_issuer, [0x30, 0x00]));
        AddDer("signedcms-payload-version-2", LicenseStatus.UnsupportedVersion, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso") with { Version = 2 })));
        AddDer("signedcms-unknown-kind", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso") with { Kind = (LicenseKind)9 })));
        AddDer("signedcms-payload-with-unknown-field", LicenseStatus.Malformed, SignedCmsKey(_issuer, WithExtraField(PayloadCodec.Encode(License("Contoso")))));
        AddDer("signedcms-revocation-list-payload", LicenseStatus.Malformed, SignedCmsKey(_issuer,
            RevocationListCodec.Encode(new RevocationListContent(At, At.AddDays(7), [new RevokedKey(license.Serial, At, "refund")]))));
        AddDer("signedcms-with-signed-attributes", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")),
            signer => signer.SignedAttributes.Add(new Pkcs9SigningTime(At.UtcDateTime))));
        AddDer("signedcms-issuer-and-serial-signer", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")),
            identifier: SubjectIdentifierType.IssuerAndSerialNumber));
        AddDer("signedcms-sha384-digest", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")),
            signer => signer.DigestAlgorithm = new Oid(Sha384)));
        AddDer("signedcms-detached-content", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")), detached: true));
        AddDer("signedcms-two-signers", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")), secondSigner: _superAdmin));
        AddDer("signedcms-other-content-type", LicenseStatus.Malformed, SignedCmsKey(_issuer, PayloadCodec.Encode(License("Contoso")),
            contentType: new Oid("1.2.840.113549.1.9.16.1.4")));
        AddDer("signed-revocation-list-pasted-as-key", LicenseStatus.Malformed,
            RevocationListSigner.Sign(issuer, [new RevokedKey(license.Serial, At, null)], At.AddHours(-1), At.AddDays(7)));

        // Text and DER garbage.
        Add("prefix-only", LicenseStatus.Malformed, KeyText.Prefix);
        Add("prefix-missing", LicenseStatus.Malformed, KeyText.Encode(validDer)[KeyText.Prefix.Length..]);
        Add("wrong-prefix", LicenseStatus.Malformed, "ILK2." + KeyText.Encode(validDer)[KeyText.Prefix.Length..]);
        Add("not-base64url", LicenseStatus.Malformed, KeyText.Prefix + "!!!!$$$$%%%%^^^^");
        Add("cut-in-half", LicenseStatus.Malformed, KeyText.Encode(validDer)[..(KeyText.Encode(validDer).Length / 2)]);
        AddDer("trailing-bytes-after-cms", LicenseStatus.Malformed, [.. validDer, 0x00, 0x01]);
        AddDer("der-length-claims-2-gigabytes", LicenseStatus.Malformed, [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x06, 0x09, 0x2A]);
        AddDer("ber-indefinite-lengths-nested", LicenseStatus.Malformed, Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 4000).SelectMany(b => b).ToArray());
        AddDer("x509-certificate-as-key", LicenseStatus.Malformed, _issuer.RawData);
        Add("certificate-pem-on-one-line", LicenseStatus.Malformed, _issuer.ExportCertificatePem().Replace('\n', ' '));
        Add("random-base64url", LicenseStatus.Malformed, KeyText.Encode(new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 300)));
        Add("nul-and-non-ascii-characters", LicenseStatus.Malformed, KeyText.Prefix + "MIIB\u0000\u00e9\u4e2d\u202e");
        return cases;
    }

    private LicensePayload Payload(LicenseKind kind) => new()
    {
        Serial = LicenseSerial.NewSerial(),
        Kind = kind,
        IssuedAt = At.AddHours(-1),
        NotBefore = At.AddHours(-1),
    };

    private LicensePayload License(string customer) => Payload(LicenseKind.License) with { Customer = customer, Product = "ProGet", Edition = "Basic" };

    private LicensePayload TemporaryOrganization() => Payload(LicenseKind.TemporaryOrganization) with
    {
        OrganizationId = "org-42",
        Audience = "partner@example.com",
        ExpiresAt = At.AddHours(4),
        Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
    };

    private static byte[] SignedCmsKey(X509Certificate2 certificate, byte[] content, Action<CmsSigner>? configure = null,
        SubjectIdentifierType identifier = SubjectIdentifierType.SubjectKeyIdentifier, bool detached = false,
        X509Certificate2? secondSigner = null, Oid? contentType = null)
    {
        var info = contentType is null ? new ContentInfo(content) : new ContentInfo(contentType, content);
        var cms = new SignedCms(info, detached);
        var signer = new CmsSigner(identifier, certificate) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.None };
        configure?.Invoke(signer);
        cms.ComputeSignature(signer, silent: true);
        if (secondSigner is not null)
            cms.ComputeSignature(new CmsSigner(identifier, secondSigner) { IncludeOption = X509IncludeOption.None }, silent: true);
        return cms.Encode();
    }

    private static byte[] WithExtraField(byte[] payload)
    {
        var fields = new AsnReader(payload, AsnEncodingRules.DER).ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            while (fields.HasData) writer.WriteEncodedValue(fields.ReadEncodedValue().Span);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "Servers=unlimited", new Asn1Tag(TagClass.ContextSpecific, 20));
        }
        return writer.Encode();
    }

    private X509Certificate2 SelfSignedIssuer(string subject, byte[]? subjectKeyId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = IssuerRequest(subject, key, subjectKeyId);
        return Own(request.CreateSelfSigned(At.AddDays(-1), At.AddYears(1)));
    }

    // An issuer-role certificate signed by another end-entity issuer: a CA it is not.
    private X509Certificate2 IssuedByEndEntity(X509Certificate2 parent)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = IssuerRequest("CN=Corpus Sub Issuer", key, subjectKeyId: null);
        using var parentKey = parent.GetECDsaPrivateKey()!;
        using var certificate = request.Create(parent.SubjectName, X509SignatureGenerator.CreateForECDsa(parentKey),
            At.AddDays(-1), At.AddYears(1), RandomNumberGenerator.GetBytes(12));
        return Own(certificate.CopyWithPrivateKey(key));
    }

    private static CertificateRequest IssuerRequest(string subject, ECDsa key, byte[]? subjectKeyId)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(IssuerRoles.IssuerOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(subjectKeyId ?? CertificateFactory.ShortKeyId(request.PublicKey), false));
        return request;
    }

    private static byte[] SubjectKeyId(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();

    private X509Certificate2 Own(X509Certificate2 certificate)
    {
        _owned.Add(certificate);
        return certificate;
    }

    public void Dispose()
    {
        foreach (var certificate in _owned) certificate.Dispose();
    }
}
