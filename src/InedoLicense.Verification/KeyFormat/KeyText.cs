using System.Buffers.Text;

namespace InedoLicense.KeyFormat;

/// <summary>
/// The text form people paste: "ILK1." + base64url(DER). Parsing ignores white space and line
/// breaks (e-mail wrapping) and PEM-style armour; inside armour the prefix is optional and
/// standard base64 is accepted too.
/// </summary>
public static class KeyText
{
    public const string Prefix = "ILK1.";
    public const string ArmourLabel = "INEDO LICENSE KEY";

    /// <summary>
    /// The most characters a key's text may have, armour and line breaks included: far more than any key (a few
    /// hundred characters; a few thousand with RSA certificates embedded), so longer text is refused unread.
    /// </summary>
    public const int MaxLength = 65_536;
    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static string Encode(ReadOnlySpan<byte> der) => Prefix + Base64Url.EncodeToString(der);

    public static string ToArmoured(string keyText)
    {
        var lines = keyText.Chunk(64).Select(chunk => new string(chunk));
        return $"-----BEGIN {ArmourLabel}-----\n{string.Join('\n', lines)}\n-----END {ArmourLabel}-----";
    }

    /// <summary>Returns the DER, or throws <see cref="LicenseKeyFormatException"/> (Malformed).</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw LicenseKeyFormatException.Malformed(
                $"The key has more than {MaxLength:N0} characters; no licence key is that long. Pass one key a line (was a whole file passed as one key?).");
        var armoured = text.Contains("-----BEGIN", StringComparison.Ordinal);
        var body = armoured ? StripArmour(text) : text;
        // Pasted keys are usually one clean line: only copy when there is something to drop.
        var compact = body.AsSpan().ContainsAnyExcept(KeyCharacters) ? string.Concat(body.Where(c => !char.IsWhiteSpace(c))) : body;
        if (compact.Length == 0)
            throw LicenseKeyFormatException.Malformed("The key is empty.");

        if (compact.StartsWith(Prefix, StringComparison.Ordinal))
            compact = compact[Prefix.Length..];
        else if (!armoured)
            throw LicenseKeyFormatException.Malformed($"A licence key starts with '{Prefix}'.");

        // Standard base64 inside armour: map to the url alphabet and drop padding.
        compact = compact.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        if (!Base64Url.IsValid(compact))
            throw LicenseKeyFormatException.Malformed("The key has characters that are not base64url; was it cut or changed?");
        return Base64Url.DecodeFromChars(compact);
    }

    // Works whether or not the armour kept its line breaks.
    private static string StripArmour(string text)
    {
        var begin = text.IndexOf("-----BEGIN", StringComparison.Ordinal);
        var bodyStart = text.IndexOf("-----", begin + 10, StringComparison.Ordinal) + 5;
        var end = text.IndexOf("-----END", StringComparison.Ordinal);
        if (bodyStart < 5 || end < bodyStart)
            throw LicenseKeyFormatException.Malformed("The key's armour has no END line.");
        return text[bodyStart..end];
    }
}
