using System.Formats.Asn1;
using InedoLicense.Verification;

namespace InedoLicense.KeyFormat;

/// <summary>What a signed revocation list says (docs/revocation-list.md).</summary>
public sealed record RevocationListContent(DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, IReadOnlyList<RevokedKey> Entries);

/// <summary>
/// DER of a revocation list's signed content. It opens with its own OBJECT IDENTIFIER where a key
/// payload opens with an INTEGER, so neither decoder can read the other: a signed key is never
/// taken for a list, nor a list for a key.
/// </summary>
public static class RevocationListCodec
{
    /// <summary>id-inedoLicenseRevocationList, under the 2.25 (UUID) arc: ec597702-73ce-4d98-9235-99b7046622d5.</summary>
    public const string ContentTypeOid = "2.25.314162335226689086526501877903960449749";
    public const int CurrentVersion = 1;
    public const int MaxReasonLength = 200;
    private const long MaxTime = 253402300799; // 9999-12-31T23:59:59Z

    public static byte[] Encode(RevocationListContent content)
    {
        if (content.NextUpdate <= content.IssuedAt)
            throw new ArgumentException("The next update must come after the list is issued.", nameof(content));
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 64 + content.Entries.Count * 24);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(ContentTypeOid);
            writer.WriteInteger(CurrentVersion);
            writer.WriteInteger(content.IssuedAt.ToUnixTimeSeconds());
            writer.WriteInteger(content.NextUpdate.ToUnixTimeSeconds());
            using (writer.PushSequence())
            {
                foreach (var entry in content.Entries.OrderBy(e => e.Serial, StringComparer.Ordinal))
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString(Convert.FromHexString(entry.Serial));
                        writer.WriteInteger(entry.RevokedAt.ToUnixTimeSeconds());
                        if (entry.Reason is { } reason)
                            writer.WriteCharacterString(UniversalTagNumber.UTF8String, TruncateToScalars(reason, MaxReasonLength));
                    }
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>Strict DER decode. Throws <see cref="InvalidRevocationListException"/> (Malformed).</summary>
    public static RevocationListContent Decode(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (!list.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                throw Malformed("The signed content is not a revocation list (a licence key's payload, perhaps).");
            var type = list.ReadObjectIdentifier();
            if (type != ContentTypeOid)
                throw Malformed($"The signed content has type {type}, not an InedoLicense revocation list.");
            if (!list.TryReadInt32(out var version) || version != CurrentVersion)
                throw Malformed($"Revocation list version {version} is not supported; this verifier reads version {CurrentVersion}.");
            var issuedAt = ReadTime(list);
            var nextUpdate = ReadTime(list);
            if (nextUpdate <= issuedAt)
                throw Malformed("The list's next update is not after its issue time.");

            var entries = new List<RevokedKey>();
            var sequence = list.ReadSequence();
            list.ThrowIfNotEmpty();
            string? previous = null;
            while (sequence.HasData)
            {
                var item = sequence.ReadSequence();
                var serialBytes = item.ReadOctetString();
                if (serialBytes.Length != LicenseSerial.ByteLength)
                    throw Malformed($"A revoked serial has {serialBytes.Length} bytes; expected {LicenseSerial.ByteLength}.");
                var serial = Convert.ToHexString(serialBytes);
                // Ascending and unique: one encoding per list, and no entry can hide behind a duplicate.
                if (previous is not null && string.CompareOrdinal(previous, serial) >= 0)
                    throw Malformed("The revoked serials are not in ascending order, or one is listed twice.");
                previous = serial;
                var revokedAt = ReadTime(item);
                var reason = item.HasData ? item.ReadCharacterString(UniversalTagNumber.UTF8String) : null;
                item.ThrowIfNotEmpty();
                if (reason is not null && ScalarCount(reason) > MaxReasonLength)
                    throw Malformed($"The reason for revoking {serial} has {ScalarCount(reason)} characters; a list allows at most {MaxReasonLength}.");
                entries.Add(new RevokedKey(serial, revokedAt, reason));
            }
            return new RevocationListContent(issuedAt, nextUpdate, entries);
        }
        catch (AsnContentException e)
        {
            throw Malformed("The revocation list is not valid DER: " + e.Message, e);
        }
    }

    /// <summary>Characters as a list counts them: Unicode scalar values (a pair of UTF-16 surrogates is one).</summary>
    public static int ScalarCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>The first <paramref name="max"/> scalar values, never splitting a surrogate pair.</summary>
    public static string TruncateToScalars(string text, int max)
    {
        var length = 0;
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count++ == max) return text[..length];
            length += rune.Utf16SequenceLength;
        }
        return text;
    }

    private static DateTimeOffset ReadTime(AsnReader reader)
    {
        if (!reader.TryReadInt64(out var seconds) || seconds < 0 || seconds > MaxTime)
            throw Malformed("A time in the revocation list is out of range.");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static InvalidRevocationListException Malformed(string message, Exception? inner = null) =>
        new(RevocationListProblem.Malformed, message, inner);
}
