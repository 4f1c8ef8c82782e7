using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace InedoLicense.KeyFormat;

/// <summary>
/// The text form people paste: "ILK1." + base64url(DER). Reading (docs/design/key-format.md §1.2) drops the characters
/// copying and pasting adds: white space and line breaks (e-mail wrapping), the invisible U+200B and U+FEFF, the
/// "&gt; " quote markers at the start of a mail's lines, and PEM-style armour; inside armour the prefix is optional
/// and standard base64 is accepted too. Anything else is Malformed, with a message that names what was found.
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
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Encode(ReadOnlySpan<byte> der) => Prefix + Base64Url.EncodeToString(der);

    public static string ToArmoured(string keyText)
    {
        var lines = keyText.Chunk(64).Select(chunk => new string(chunk));
        return $"-----BEGIN {ArmourLabel}-----\n{string.Join('\n', lines)}\n-----END {ArmourLabel}-----";
    }

    /// <summary>
    /// The characters a reader drops wherever they are (docs/design/key-format.md §1.2): U+0009–U+000D, U+0020, U+0085,
    /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (Unicode's White_Space property), and
    /// U+200B ZERO WIDTH SPACE and U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte order mark). Not U+001C–U+001F.
    /// </summary>
    public static bool IsIgnorable(char c) => c switch
    {
        >= '\u0009' and <= '\u000D' or ' ' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200B' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' => true,
        _ => false,
    };

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u000B' or '\u000C' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>Returns the DER, or throws <see cref="LicenseKeyFormatException"/> (Malformed) naming what was found.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw LicenseKeyFormatException.Malformed(
                $"The key has more than {MaxLength:N0} characters; no licence key is that long. Pass one key a line (was a whole file passed as one key?).");
        var armoured = text.Contains("-----BEGIN", StringComparison.Ordinal);
        var body = armoured ? StripArmour(text) : text;
        // Pasted keys are usually one clean line: only copy when there is something to drop.
        var compact = body.AsSpan().ContainsAnyExcept(KeyCharacters) ? Clean(body) : body;
        if (compact.Length == 0)
            throw LicenseKeyFormatException.Malformed("The key is empty.");

        if (compact.StartsWith(Prefix, StringComparison.Ordinal))
            compact = compact[Prefix.Length..];
        else if (!armoured)
            throw LicenseKeyFormatException.Malformed(
                $"A licence key starts with '{Prefix}'; this text starts with {Show(Start(body, Prefix.Length + 3))}.");

        // Standard base64 inside armour (or out of it): map to the url alphabet and drop padding.
        compact = compact.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var bad = compact.AsSpan().IndexOfAnyExcept(Base64UrlAlphabet);
        if (bad >= 0)
            throw LicenseKeyFormatException.Malformed(
                $"The key has {Describe(compact, bad)}, which is not base64url, at character {bad + 1} after the prefix; was it cut or changed?");
        if (compact.Length % 4 == 1)
            throw LicenseKeyFormatException.Malformed(
                $"The key's base64url text has {compact.Length} characters, a length no encoding has; was it cut?");
        if (!Base64Url.IsValid(compact))
            throw LicenseKeyFormatException.Malformed(
                $"The key's last character '{compact[^1]}' sets spare bits that no encoder sets; was it cut or changed?");
        return Base64Url.DecodeFromChars(compact);
    }

    // Drops the ignorable characters everywhere and the quote markers ('>', "> > ") that open a mail's lines.
    private static string Clean(string body)
    {
        var kept = new StringBuilder(body.Length);
        var atLineStart = true;
        foreach (var c in body)
        {
            if (IsLineBreak(c)) atLineStart = true;
            else if (IsIgnorable(c)) { }
            else if (atLineStart && c == '>') { }
            else
            {
                atLineStart = false;
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    // The first characters of what was pasted, leading ignorable characters skipped.
    private static string Start(string text, int length)
    {
        var start = 0;
        while (start < text.Length && IsIgnorable(text[start])) start++;
        return text.Substring(start, Math.Min(length, text.Length - start));
    }

    private static string Describe(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done
            ? "the character " + Show(rune.ToString()) + (Show(rune.ToString()).StartsWith('\'') ? $" (U+{rune.Value:X4})" : "")
            : $"the lone surrogate U+{(int)text[index]:X4}";

    // Printable characters in quotes, the others as code points: 'ab' U+001C 'c'.
    private static string Show(string text)
    {
        var shown = new StringBuilder();
        var quoted = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var printable = rune.Value == ' ' || Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
            if (printable != quoted)
            {
                shown.Append(quoted ? "' " : shown.Length > 0 ? " '" : "'");
                quoted = printable;
            }
            else if (!printable && shown.Length > 0) shown.Append(' ');
            shown.Append(printable ? rune.ToString() : $"U+{rune.Value:X4}");
        }
        if (quoted) shown.Append('\'');
        return shown.ToString();
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
