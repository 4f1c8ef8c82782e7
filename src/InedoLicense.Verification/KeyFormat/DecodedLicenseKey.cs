namespace InedoLicense.KeyFormat;

/// <summary>A key taken apart without trusting it: for support to see what a customer pasted.</summary>
public sealed class DecodedLicenseKey
{
    private DecodedLicenseKey(LicensePayload payload, SignedKey signed, int textLength)
    {
        Payload = payload;
        SignerKeyId = signed.SubjectKeyIdHex;
        SignatureAlgorithm = signed.SignatureAlgorithm == Oids.EcdsaWithSha256 ? "ECDSA-SHA256" : "RSA-SHA256";
        EmbeddedCertificateCount = signed.Certificates.Count;
        Cms = signed.Der;
        TextLength = textLength;
    }

    /// <summary>Throws <see cref="LicenseKeyFormatException"/> when the key cannot be read.</summary>
    public static DecodedLicenseKey Decode(string keyText)
    {
        var signed = SignedDataCodec.Read(KeyText.Decode(keyText));
        return new DecodedLicenseKey(PayloadCodec.Decode(signed.Content), signed, keyText.Length);
    }

    public LicensePayload Payload { get; }
    public string Serial => Payload.Serial;
    public LicenseKind Kind => Payload.Kind;
    public int Version => Payload.Version;
    public string? Customer => Payload.Customer;
    public string? Product => Payload.Product;
    public string? Edition => Payload.Edition;
    public IReadOnlyList<string> Features => Payload.Features;
    public string? OrganizationId => Payload.OrganizationId;
    public string? MacId => Payload.MacId;
    public string? Audience => Payload.Audience;
    public string? Purpose => Payload.Purpose;
    public LicenseRestrictions Restrictions => Payload.Restrictions;
    public string? Banner => Payload.Banner;
    public DateTimeOffset IssuedAt => Payload.IssuedAt;
    public DateTimeOffset NotBefore => Payload.NotBefore;
    public DateTimeOffset? ExpiresAt => Payload.ExpiresAt;
    public string? RenewalOf => Payload.RenewalOf;
    /// <summary>The subject key identifier of the certificate that claims to have signed it (hex).</summary>
    public string SignerKeyId { get; }
    public string SignatureAlgorithm { get; }
    public int EmbeddedCertificateCount { get; }
    /// <summary>The DER of the CMS SignedData.</summary>
    public byte[] Cms { get; }
    public int TextLength { get; }
}
