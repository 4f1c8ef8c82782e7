using System.Formats.Asn1;

namespace InedoLicense.KeyFormat;

/// <summary>
/// DER encoding of <see cref="LicensePayload"/> (ASN.1 module in docs/design/key-format.md). Compact on
/// purpose: a temporary organisation key must stay under 400 characters.
/// </summary>
public static class PayloadCodec
{
    public static byte[] Encode(LicensePayload payload)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 160);
        using (writer.PushSequence())
        {
            foreach (var field in LicensePayload.Fields)
            {
                var value = field.GetValue(payload);
                // The fixed fields always; an optional one unless it holds its default (a key leaves that out).
                if (field.Tag is null) Write(writer, field, value ?? throw new ArgumentException($"The payload has no {field.SpecName}.", field.Name));
                else if (value is not null && !field.IsDefault(payload, value)) Write(writer, field, value);
            }
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

            var payload = LicensePayload.Blank;
            foreach (var field in LicensePayload.Fields)
            {
                if (field.Tag is null || seq.PeekTagOrNull(TagOf(field)))
                    payload = field.WithValue(payload, Read(seq, field));
                else if (!field.IsDefault(payload, field.GetValue(payload)))
                    payload = field.WithValue(payload, field.DefaultValue(payload)); // left out: its default (notBefore: issuedAt)
            }
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

    // An optional field's context-specific tag (constructed for a list); null: the universal tag of its type.
    private static Asn1Tag? TagOf(PayloadField field) => field.Tag is { } tag
        ? new Asn1Tag(TagClass.ContextSpecific, tag, isConstructed: field.Type == PayloadFieldType.TextList)
        : null;

    private static void Write(AsnWriter writer, PayloadField field, object value)
    {
        var tag = TagOf(field);
        switch (field.Type)
        {
            case PayloadFieldType.Version: writer.WriteInteger((int)value, tag); break;
            case PayloadFieldType.Serial: writer.WriteOctetString(Convert.FromHexString((string)value), tag); break;
            case PayloadFieldType.Kind: writer.WriteEnumeratedValue((LicenseKind)value, tag); break;
            case PayloadFieldType.Time: writer.WriteInteger(((DateTimeOffset)value).ToUnixTimeSeconds(), tag); break;
            case PayloadFieldType.Text: writer.WriteCharacterString(UniversalTagNumber.UTF8String, (string)value, tag); break;
            case PayloadFieldType.MacId: writer.WriteOctetString(MacAddress.ToBytes((string)value), tag); break;
            case PayloadFieldType.Restrictions: writer.WriteInteger((long)(LicenseRestrictions)value, tag); break;
            case PayloadFieldType.TextList:
                using (writer.PushSequence(tag))
                    foreach (var entry in (IReadOnlyList<string>)value)
                        writer.WriteCharacterString(UniversalTagNumber.UTF8String, entry);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field.Type, "No DER encoding for this field type.");
        }
    }

    private static object Read(AsnReader reader, PayloadField field)
    {
        var tag = TagOf(field);
        switch (field.Type)
        {
            case PayloadFieldType.Version:
                if (!reader.TryReadInt32(out var version, tag))
                    throw LicenseKeyFormatException.Malformed("The payload version is not a small integer.");
                // Checked before anything else is read: a later version may lay out the rest differently.
                if (version != LicensePayload.CurrentVersion)
                    throw new LicenseKeyFormatException(Verification.LicenseStatus.UnsupportedVersion,
                        $"Payload version {version} is not supported; this verifier reads version {LicensePayload.CurrentVersion}.");
                return version;
            case PayloadFieldType.Serial:
                var serial = reader.ReadOctetString(tag);
                if (serial.Length != LicenseSerial.ByteLength)
                    throw LicenseKeyFormatException.Malformed($"The {field.SpecName} has {serial.Length} bytes; expected {LicenseSerial.ByteLength}.");
                return Convert.ToHexString(serial);
            case PayloadFieldType.Kind:
                var kind = reader.ReadEnumeratedValue<LicenseKind>(tag);
                if (!Enum.IsDefined(kind))
                    throw LicenseKeyFormatException.Malformed($"Unknown key kind {(int)kind}.");
                return kind;
            case PayloadFieldType.Time:
                if (!reader.TryReadInt64(out var seconds, tag) || seconds < 0 || seconds > 253402300799)
                    throw LicenseKeyFormatException.Malformed("A time in the payload is out of range.");
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            case PayloadFieldType.Text:
                return reader.ReadCharacterString(UniversalTagNumber.UTF8String, tag);
            case PayloadFieldType.MacId:
                return MacAddress.FromBytes(reader.ReadOctetString(tag));
            case PayloadFieldType.Restrictions:
                const int known = (int)(LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails);
                // A restriction this verifier cannot name is one the product could not honour: refuse the key.
                if (!reader.TryReadInt32(out var flags, tag) || flags < 0 || (flags & ~known) != 0)
                    throw LicenseKeyFormatException.Malformed("The restrictions field has bits this verifier does not know.");
                return (LicenseRestrictions)flags;
            case PayloadFieldType.TextList:
                var list = new List<string>();
                var entries = reader.ReadSequence(tag);
                while (entries.HasData)
                    list.Add(entries.ReadCharacterString(UniversalTagNumber.UTF8String));
                return list;
            default: throw new ArgumentOutOfRangeException(nameof(field), field.Type, "No DER encoding for this field type.");
        }
    }

    /// <summary>
    /// The fields each kind must carry, re-checked when reading (docs/design/key-format.md §3.2): a key that breaks them is
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

    private static bool PeekTagOrNull(this AsnReader reader, Asn1Tag? tag) =>
        reader.HasData && tag is { } expected && reader.PeekTag().HasSameClassAndValue(expected);
}
