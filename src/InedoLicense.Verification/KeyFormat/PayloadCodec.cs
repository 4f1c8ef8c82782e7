using System.Formats.Asn1;

namespace InedoLicense.KeyFormat;

/// <summary>
/// DER encoding of <see cref="LicensePayload"/> (ASN.1 module in docs/key-format.md). Compact on
/// purpose: a temporary organisation key must stay under 400 characters.
/// </summary>
public static class PayloadCodec
{
    private static readonly Asn1Tag NotBeforeTag = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag ExpiresAtTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag CustomerTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag ProductTag = new(TagClass.ContextSpecific, 3);
    private static readonly Asn1Tag EditionTag = new(TagClass.ContextSpecific, 4);
    private static readonly Asn1Tag FeaturesTag = new(TagClass.ContextSpecific, 5, isConstructed: true);
    private static readonly Asn1Tag OrganizationTag = new(TagClass.ContextSpecific, 6);
    private static readonly Asn1Tag MacIdTag = new(TagClass.ContextSpecific, 7);
    private static readonly Asn1Tag AudienceTag = new(TagClass.ContextSpecific, 8);
    private static readonly Asn1Tag PurposeTag = new(TagClass.ContextSpecific, 9);
    private static readonly Asn1Tag RestrictionsTag = new(TagClass.ContextSpecific, 10);
    private static readonly Asn1Tag BannerTag = new(TagClass.ContextSpecific, 11);
    private static readonly Asn1Tag RenewalOfTag = new(TagClass.ContextSpecific, 12);

    public static byte[] Encode(LicensePayload payload)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 160);
        using (writer.PushSequence())
        {
            writer.WriteInteger(payload.Version);
            writer.WriteOctetString(Convert.FromHexString(payload.Serial));
            writer.WriteEnumeratedValue(payload.Kind);
            writer.WriteInteger(payload.IssuedAt.ToUnixTimeSeconds());
            if (payload.NotBefore != payload.IssuedAt)
                writer.WriteInteger(payload.NotBefore.ToUnixTimeSeconds(), NotBeforeTag);
            if (payload.ExpiresAt is { } expires)
                writer.WriteInteger(expires.ToUnixTimeSeconds(), ExpiresAtTag);
            WriteText(writer, CustomerTag, payload.Customer);
            WriteText(writer, ProductTag, payload.Product);
            WriteText(writer, EditionTag, payload.Edition);
            if (payload.Features.Count > 0)
            {
                using (writer.PushSequence(FeaturesTag))
                    foreach (var feature in payload.Features)
                        writer.WriteCharacterString(UniversalTagNumber.UTF8String, feature);
            }
            WriteText(writer, OrganizationTag, payload.OrganizationId);
            if (payload.MacId is { } mac)
                writer.WriteOctetString(MacAddress.ToBytes(mac), MacIdTag);
            WriteText(writer, AudienceTag, payload.Audience);
            WriteText(writer, PurposeTag, payload.Purpose);
            if (payload.Restrictions != LicenseRestrictions.None)
                writer.WriteInteger((long)payload.Restrictions, RestrictionsTag);
            WriteText(writer, BannerTag, payload.Banner);
            if (payload.RenewalOf is { } renewed)
                writer.WriteOctetString(Convert.FromHexString(renewed), RenewalOfTag);
        }
        return writer.Encode();
    }

    /// <summary>Strict DER decode. Throws <see cref="LicenseKeyFormatException"/>.</summary>
    public static LicensePayload Decode(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var seq = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            if (!seq.TryReadInt32(out var version))
                throw LicenseKeyFormatException.Malformed("The payload version is not a small integer.");
            if (version != LicensePayload.CurrentVersion)
                throw new LicenseKeyFormatException(Verification.LicenseStatus.UnsupportedVersion,
                    $"Payload version {version} is not supported; this verifier reads version {LicensePayload.CurrentVersion}.");

            var serial = seq.ReadOctetString();
            if (serial.Length != LicenseSerial.ByteLength)
                throw LicenseKeyFormatException.Malformed($"The serial has {serial.Length} bytes; expected {LicenseSerial.ByteLength}.");
            var kind = seq.ReadEnumeratedValue<LicenseKind>();
            if (!Enum.IsDefined(kind))
                throw LicenseKeyFormatException.Malformed($"Unknown key kind {(int)kind}.");
            var issuedAt = ReadTime(seq, Asn1Tag.Integer);

            var payload = new LicensePayload
            {
                Version = version,
                Serial = Convert.ToHexString(serial),
                Kind = kind,
                IssuedAt = issuedAt,
                NotBefore = seq.PeekTagOrNull(NotBeforeTag) ? ReadTime(seq, NotBeforeTag) : issuedAt,
                ExpiresAt = seq.PeekTagOrNull(ExpiresAtTag) ? ReadTime(seq, ExpiresAtTag) : null,
                Customer = ReadText(seq, CustomerTag),
                Product = ReadText(seq, ProductTag),
                Edition = ReadText(seq, EditionTag),
                Features = ReadFeatures(seq),
                OrganizationId = ReadText(seq, OrganizationTag),
                MacId = seq.PeekTagOrNull(MacIdTag) ? MacAddress.FromBytes(seq.ReadOctetString(MacIdTag)) : null,
                Audience = ReadText(seq, AudienceTag),
                Purpose = ReadText(seq, PurposeTag),
                Restrictions = seq.PeekTagOrNull(RestrictionsTag) ? ReadRestrictions(seq) : LicenseRestrictions.None,
                Banner = ReadText(seq, BannerTag),
                RenewalOf = seq.PeekTagOrNull(RenewalOfTag) ? ReadSerial(seq, RenewalOfTag) : null,
            };
            if (seq.HasData)
                throw LicenseKeyFormatException.Malformed($"The payload has an unknown or misplaced field (tag {seq.PeekTag()}).");
            CheckKindRules(payload);
            return payload;
        }
        catch (AsnContentException e)
        {
            throw LicenseKeyFormatException.Malformed("The payload is not valid DER: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw LicenseKeyFormatException.Malformed("The payload holds an invalid value: " + e.Message, e);
        }
    }

    /// <summary>
    /// The fields each kind must carry, re-checked when reading (docs/key-format.md §3.2): a key that breaks them is
    /// Malformed however it was signed. Empty counts as missing.
    /// </summary>
    private static void CheckKindRules(LicensePayload payload)
    {
        void Require(string? value, string field)
        {
            if (string.IsNullOrEmpty(value))
                throw LicenseKeyFormatException.Malformed($"A {payload.Kind} key must carry {field}, and this one has none.");
        }
        switch (payload.Kind)
        {
            case LicenseKind.License:
            case LicenseKind.Stopgap:
                Require(payload.Product, "a product");
                Require(payload.Customer, "a customer");
                Require(payload.Edition, "an edition");
                break;
            case LicenseKind.Agent:
                Require(payload.OrganizationId, "an organisation ID");
                Require(payload.MacId, "a MAC ID");
                break;
            case LicenseKind.TemporaryOrganization:
                Require(payload.OrganizationId, "an organisation ID");
                break;
        }
        if (payload.Kind is LicenseKind.Stopgap or LicenseKind.TemporaryOrganization && payload.ExpiresAt is null)
            throw LicenseKeyFormatException.Malformed($"A {payload.Kind} key must expire, and this one has no expiry.");
        if (payload.ExpiresAt is { } expires && expires <= payload.NotBefore)
            throw LicenseKeyFormatException.Malformed("The key expires before it starts (expiresAt is not after notBefore).");
    }

    private static bool PeekTagOrNull(this AsnReader reader, Asn1Tag tag) =>
        reader.HasData && reader.PeekTag().HasSameClassAndValue(tag);

    private static void WriteText(AsnWriter writer, Asn1Tag tag, string? value)
    {
        if (value is not null)
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, value, tag);
    }

    private static string? ReadText(AsnReader reader, Asn1Tag tag) =>
        reader.PeekTagOrNull(tag) ? reader.ReadCharacterString(UniversalTagNumber.UTF8String, tag) : null;

    private static DateTimeOffset ReadTime(AsnReader reader, Asn1Tag tag)
    {
        if (!reader.TryReadInt64(out var seconds, tag) || seconds < 0 || seconds > 253402300799)
            throw LicenseKeyFormatException.Malformed("A time in the payload is out of range.");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static IReadOnlyList<string> ReadFeatures(AsnReader reader)
    {
        if (!reader.PeekTagOrNull(FeaturesTag)) return [];
        var list = new List<string>();
        var features = reader.ReadSequence(FeaturesTag);
        while (features.HasData)
            list.Add(features.ReadCharacterString(UniversalTagNumber.UTF8String));
        return list;
    }

    private static LicenseRestrictions ReadRestrictions(AsnReader reader)
    {
        const int known = (int)(LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails);
        // A restriction this verifier cannot name is one the product could not honour: refuse the key.
        if (!reader.TryReadInt32(out var flags, RestrictionsTag) || flags < 0 || (flags & ~known) != 0)
            throw LicenseKeyFormatException.Malformed("The restrictions field has bits this verifier does not know.");
        return (LicenseRestrictions)flags;
    }

    private static string ReadSerial(AsnReader reader, Asn1Tag tag)
    {
        var bytes = reader.ReadOctetString(tag);
        if (bytes.Length != LicenseSerial.ByteLength)
            throw LicenseKeyFormatException.Malformed("The renewed serial has the wrong length.");
        return Convert.ToHexString(bytes);
    }
}
