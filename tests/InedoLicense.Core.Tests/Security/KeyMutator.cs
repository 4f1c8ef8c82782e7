using System.Text;
using InedoLicense.KeyFormat;

namespace InedoLicense.Core.Tests.Security;

/// <summary>Ways to break a key, each deterministic for a given <see cref="Random"/>.</summary>
public static class KeyMutator
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string NastyCharacters = "+/= \t\r\n.#-\u0000\u00e9\u200b\u202e\uffff";

    public static readonly string[] Names =
    [
        "flip-bits", "replace-byte", "truncate-der", "extend-der", "insert-bytes", "delete-bytes", "duplicate-slice",
        "splice-two-keys", "swap-signer-id", "truncate-text", "replace-char", "insert-chars", "garbage-der", "random-base64url",
    ];

    /// <summary>A mutated key text from <paramref name="text"/> (whose DER is <paramref name="der"/>, if it has one).</summary>
    public static string Mutate(int mutator, string text, byte[]? der, byte[]? otherDer, Random random)
    {
        var bytes = der ?? Encoding.UTF8.GetBytes(text);
        return mutator switch
        {
            0 => Encode(FlipBits(bytes, random)),
            1 => Encode(Edit(bytes, b => b[random.Next(b.Length)] = (byte)random.Next(256))),
            2 => Encode(bytes[..random.Next(bytes.Length)]),
            3 => Encode([.. bytes, .. RandomBytes(random, random.Next(1, 33))]),
            4 => Encode(Insert(bytes, random.Next(bytes.Length + 1), RandomBytes(random, random.Next(1, 9)))),
            5 => Encode(DeleteSlice(bytes, random)),
            6 => Encode(DuplicateSlice(bytes, random)),
            7 => Encode(Splice(bytes, otherDer ?? bytes, random)),
            8 => Encode(SwapSignerId(bytes, otherDer, random)),
            9 => text[..random.Next(text.Length)],
            10 => ReplaceChar(text, random),
            11 => InsertChars(text, random),
            12 => Encode(Garbage(random)),
            13 => KeyText.Prefix + new string(random.GetItems(Base64UrlAlphabet.AsSpan(), random.Next(0, 700))),
            _ => throw new ArgumentOutOfRangeException(nameof(mutator)),
        };
    }

    private static string Encode(byte[] der) => KeyText.Encode(der);

    private static byte[] FlipBits(byte[] bytes, Random random)
    {
        if (bytes.Length == 0) return [0x01];
        return Edit(bytes, b =>
        {
            for (int i = 0, flips = random.Next(1, 5); i < flips; i++)
                b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
        });
    }

    private static byte[] Edit(byte[] bytes, Action<byte[]> edit)
    {
        var copy = bytes.Length == 0 ? new byte[1] : (byte[])bytes.Clone();
        edit(copy);
        return copy;
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static byte[] DeleteSlice(byte[] bytes, Random random)
    {
        if (bytes.Length == 0) return bytes;
        var start = random.Next(bytes.Length);
        var length = random.Next(1, Math.Min(16, bytes.Length - start) + 1);
        return [.. bytes[..start], .. bytes[(start + length)..]];
    }

    private static byte[] DuplicateSlice(byte[] bytes, Random random)
    {
        if (bytes.Length == 0) return bytes;
        var start = random.Next(bytes.Length);
        var slice = bytes[start..Math.Min(bytes.Length, start + random.Next(1, 40))];
        return Insert(bytes, random.Next(bytes.Length + 1), slice);
    }

    private static byte[] Splice(byte[] first, byte[] second, Random random) =>
        [.. first[..random.Next(first.Length + 1)], .. second[random.Next(second.Length + 1)..]];

    // The signer identifier of another key (or random bytes of the same length) over this key's content and signature.
    private static byte[] SwapSignerId(byte[] der, byte[]? otherDer, Random random)
    {
        try
        {
            var key = SignedDataCodec.Read(der);
            var id = otherDer is not null && random.Next(2) == 0 ? SignedDataCodec.Read(otherDer).SubjectKeyId : RandomBytes(random, key.SubjectKeyId.Length);
            return SignedDataCodec.Write(key.Content.Span, id, key.SignatureAlgorithm, key.Signature.Span);
        }
        catch (LicenseKeyFormatException)
        {
            return FlipBits(der, random);
        }
    }

    private static string ReplaceChar(string text, Random random)
    {
        if (text.Length == 0) return "A";
        var chars = text.ToCharArray();
        var pool = random.Next(4) == 0 ? NastyCharacters : Base64UrlAlphabet;
        chars[random.Next(chars.Length)] = pool[random.Next(pool.Length)];
        return new string(chars);
    }

    private static string InsertChars(string text, Random random)
    {
        var inserted = new string(random.GetItems((Base64UrlAlphabet + NastyCharacters).AsSpan(), random.Next(1, 6)));
        return text.Insert(random.Next(text.Length + 1), inserted);
    }

    // Sometimes shaped like the start of a CMS SignedData, so the parser goes further in.
    private static byte[] Garbage(Random random)
    {
        var body = RandomBytes(random, random.Next(0, 600));
        return random.Next(3) switch
        {
            0 => body,
            1 => [0x30, 0x82, (byte)(body.Length >> 8), (byte)body.Length, .. body],
            _ => [0x30, 0x82, (byte)((body.Length + 13) >> 8), (byte)(body.Length + 13), 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x82, .. body],
        };
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
