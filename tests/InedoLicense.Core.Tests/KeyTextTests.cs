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

    private static string Chunked(string text, int every) => string.Join('\n', text.Chunk(every).Select(c => new string(c)));

    private static string Armour(string body) => $"-----BEGIN {KeyText.ArmourLabel}-----\n{body}\n-----END {KeyText.ArmourLabel}-----\n";

    private static void AssertMalformed(string text, string messagePart)
    {
        var error = Assert.Throws<LicenseKeyFormatException>(() => KeyText.Decode(text));
        Assert.Equal(LicenseStatus.Malformed, error.Status);
        Assert.Contains(messagePart, error.Message);
    }
}
