using System.Security.Cryptography;

namespace InedoLicense.KeyFormat;

/// <summary>Serials are 64 random bits, written as 16 upper-case hex digits.</summary>
public static class LicenseSerial
{
    public const int ByteLength = 8;

    public static string NewSerial() => Convert.ToHexString(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>Accepts any case and stray dashes or spaces; returns null when it is not a serial.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hex = text.Replace("-", "").Replace(" ", "").Trim().ToUpperInvariant();
        return hex.Length == ByteLength * 2 && hex.All(Uri.IsHexDigit) ? hex : null;
    }
}
