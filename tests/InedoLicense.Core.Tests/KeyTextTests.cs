using System.Buffers.Text;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class KeyTextTests
{
    // 0..255: standard base64 of it has '+', '/' and '=' padding.
    private static readonly byte[] Der = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
    private static readonly string Key = KeyText.Encode(Der);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(240)]
    [InlineData(1000)]
    public void EncodeThenDecodeGivesTheSameBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);

        var text = KeyText.Encode(bytes);

        Assert.StartsWith(KeyText.Prefix, text);
        Assert.True(text[KeyText.Prefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), text);
        Assert.Equal(bytes, KeyText.Decode(text));
    }

    [Theory]
    [InlineData(64, "\n")]
    [InlineData(76, "\n")]
    [InlineData(64, "\r\n")]
    [InlineData(76, "\r\n")]
    [InlineData(10, " ")]
    [InlineData(7, "\t")]
    [InlineData(1, " \t ")]
    public void LineBreaksAndWhiteSpaceAnywhereAreIgnored(int every, string separator)
    {
        var wrapped = string.Join(separator, Key.Chunk(every).Select(c => new string(c)));
        Assert.Equal(Der, KeyText.Decode(wrapped));
    }

    [Fact]
    public void LeadingAndTrailingWhiteSpaceAndAQuotedMailIndentAreIgnored() =>
        Assert.Equal(Der, KeyText.Decode("\r\n   " + Key[..50] + "\r\n   " + Key[50..] + " \r\n\t"));

    [Fact]
    public void ArmourWithThePrefixInsideIsAccepted()
    {
        var armoured = KeyText.ToArmoured(Key);
        Assert.StartsWith($"-----BEGIN {KeyText.ArmourLabel}-----", armoured);
        Assert.Equal(Der, KeyText.Decode(armoured));
    }

    [Fact]
    public void ArmourWithCrLfLineBreaksIsAccepted() =>
        Assert.Equal(Der, KeyText.Decode(KeyText.ToArmoured(Key).Replace("\n", "\r\n")));

    [Fact]
    public void ArmourWithoutThePrefixInsideIsAccepted()
    {
        var body = Key[KeyText.Prefix.Length..];
        Assert.Equal(Der, KeyText.Decode(Armour(Chunked(body, 64))));
    }

    [Fact]
    public void ArmourWithStandardBase64InsideIsAccepted()
    {
        var standard = Convert.ToBase64String(Der);
        Assert.Contains('+', standard);
        Assert.Contains('/', standard);
        Assert.EndsWith("=", standard);

        Assert.Equal(Der, KeyText.Decode(Armour(Chunked(standard, 64))));
        Assert.Equal(Der, KeyText.Decode(Armour(Chunked(KeyText.Prefix + standard, 76))));
    }

    [Fact]
    public void ArmourOnOneLineIsAccepted()
    {
        Assert.Equal(Der, KeyText.Decode($"-----BEGIN {KeyText.ArmourLabel}-----{Key}-----END {KeyText.ArmourLabel}-----"));
        Assert.Equal(Der, KeyText.Decode($"-----BEGIN {KeyText.ArmourLabel}----- {Key} -----END {KeyText.ArmourLabel}-----"));
    }

    [Fact]
    public void TextAroundTheArmourIsIgnored() =>
        Assert.Equal(Der, KeyText.Decode("Dear customer, your key:\n\n" + KeyText.ToArmoured(Key) + "\n\nRegards,\nInedo"));

    [Fact]
    public void ArmourWithoutAnEndLineIsMalformed() =>
        AssertMalformed($"-----BEGIN {KeyText.ArmourLabel}-----\n{Key}\n", "END");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    [InlineData("-----BEGIN INEDO LICENSE KEY-----\n\n-----END INEDO LICENSE KEY-----")]
    public void AnEmptyKeyIsMalformed(string text) => AssertMalformed(text, "empty");

    [Fact]
    public void TextLongerThanAnyKeyIsMalformedBeforeItIsCopied()
    {
        AssertMalformed(KeyText.Prefix + new string('A', KeyText.MaxLength), "more than 65,536 characters");
        // At the limit it is read as a key like any other: here, plain base64 that decodes.
        Assert.NotEmpty(KeyText.Decode(KeyText.Prefix + new string('A', KeyText.MaxLength - KeyText.Prefix.Length)));
    }

    [Fact]
    public void BareBase64UrlWithoutThePrefixIsMalformed() =>
        AssertMalformed(Key[KeyText.Prefix.Length..], KeyText.Prefix);

    [Theory]
    [InlineData("ilk1.")]   // the prefix is case-sensitive
    [InlineData("ILK2.")]
    [InlineData("ILK1")]
    public void AnotherPrefixIsMalformed(string prefix) =>
        AssertMalformed(prefix + Key[KeyText.Prefix.Length..], KeyText.Prefix);

    [Theory]
    [InlineData('$')]
    [InlineData('!')]
    [InlineData('*')]
    [InlineData('.')]
    [InlineData('é')]
    [InlineData('\0')]
    public void ACharacterOutsideBase64UrlIsMalformed(char intruder) =>
        AssertMalformed(Key[..40] + intruder + Key[41..], "base64url");

    [Fact]
    public void AKeyCutByOneCharacterIsMalformed()
    {
        var cut = Key[..^1];
        Assert.False(Base64Url.IsValid(cut.AsSpan(KeyText.Prefix.Length)), "the sample must end on an impossible length when cut");
        AssertMalformed(cut, "base64url");
    }

    // Issue 13: the characters a reader drops are named exactly (§1.2), and what it refuses is named in the message.
    [Theory]
    [InlineData('\u00A0')]  // NO-BREAK SPACE
    [InlineData('\u0085')]  // NEXT LINE
    [InlineData('\u2007')]  // FIGURE SPACE
    [InlineData('\u2028')]  // LINE SEPARATOR
    [InlineData('\u3000')]  // IDEOGRAPHIC SPACE
    [InlineData('\u200B')]  // ZERO WIDTH SPACE
    [InlineData('\uFEFF')]  // ZERO WIDTH NO-BREAK SPACE, a byte order mark
    public void EveryIgnorableCharacterIsDroppedAnywhere(char ignorable)
    {
        Assert.True(KeyText.IsIgnorable(ignorable));
        Assert.Equal(Der, KeyText.Decode(ignorable + Key[..30] + ignorable + Key[30..] + ignorable));
    }

    [Theory]
    [InlineData('\u001C')]  // INFORMATION SEPARATOR FOUR: Python's isspace says yes, .NET's char.IsWhiteSpace no; the spec: not ignorable
    [InlineData('\u001F')]
    [InlineData('\u200C')]  // ZERO WIDTH NON-JOINER
    [InlineData('\u2060')]  // WORD JOINER
    public void OtherInvisibleCharactersAreMalformedAndNamed(char intruder)
    {
        Assert.False(KeyText.IsIgnorable(intruder));
        AssertMalformed(Key[..40] + intruder + Key[40..], $"U+{(int)intruder:X4}");
    }

    [Fact]
    public void AByteOrderMarkBeforeTheKeyIsIgnored() => Assert.Equal(Der, KeyText.Decode("\uFEFF" + Key));

    [Fact]
    public void AMissingPrefixSaysWhatTheTextStartsWith()
    {
        AssertMalformed("ILK2." + Key[KeyText.Prefix.Length..], "this text starts with 'ILK2.AAE'");
        AssertMalformed("\u001C" + Key, "this text starts with U+001C 'ILK1.AA'");
        AssertMalformed("Key: " + Key, "this text starts with 'Key: ILK'");
    }

    [Fact]
    public void MailQuoteMarkersAtTheStartOfLinesAreIgnored()
    {
        var quoted = string.Join("\n", Key.Chunk(60).Select(c => "> " + new string(c)));
        Assert.Equal(Der, KeyText.Decode(quoted));
        Assert.Equal(Der, KeyText.Decode(quoted.Replace("> ", ">> ").Replace("\n", "\r\n")));
        Assert.Equal(Der, KeyText.Decode(string.Join("\n", KeyText.ToArmoured(Key).Split('\n').Select(line => "> > " + line))));
    }

    [Fact]
    public void AQuoteMarkerInsideALineIsMalformedAndNamed() =>
        AssertMalformed(Key[..40] + ">" + Key[40..], "'>' (U+003E)");

    [Fact]
    public void NonZeroSpareBitsInTheLastCharacterAreMalformed()
    {
        // 0..255 is 256 bytes: 342 characters, whose last carries 4 spare bits.
        var last = Key[^1];
        var changed = Key[..^1] + (char)(last + 1);
        Assert.Equal(2, (Key.Length - KeyText.Prefix.Length) % 4);
        AssertMalformed(changed, "spare bits");
    }

    private static string Chunked(string text, int every) => string.Join('\n', text.Chunk(every).Select(c => new string(c)));

    private static string Armour(string body) => $"-----BEGIN {KeyText.ArmourLabel}-----\n{body}\n-----END {KeyText.ArmourLabel}-----\n";

    private static void AssertMalformed(string text, string messagePart)
    {
        var error = Assert.Throws<LicenseKeyFormatException>(() => KeyText.Decode(text));
        Assert.Equal(LicenseStatus.Malformed, error.Status);
        Assert.Contains(messagePart, error.Message);
    }
}
