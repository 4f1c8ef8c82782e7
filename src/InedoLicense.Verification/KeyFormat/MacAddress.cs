using System.Globalization;

namespace InedoLicense.KeyFormat;

/// <summary>
/// MAC IDs: one canonical text form (00-1A-2B-3C-4D-5E); parsing accepts colons, dashes, Cisco
/// dots, bare hex and any case, and refuses what cannot identify one machine.
/// </summary>
public static class MacAddress
{
    /// <summary>Returns the canonical form, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static string Normalize(string text) => Format(Parse(text));

    public static bool TryNormalize(string? text, out string canonical, out string error)
    {
        try
        {
            canonical = Normalize(text ?? "");
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            canonical = "";
            error = e.Message;
            return false;
        }
    }

    public static byte[] ToBytes(string text) => Parse(text);

    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 6) throw new ArgumentException("A MAC ID has 6 bytes.");
        return Format(bytes);
    }

    /// <summary>
    /// Why the bytes cannot identify one machine, or null when they can: the one rule of MAC validity, for the
    /// text a user gives and the addresses adapters report (<see cref="Machine.MacIdSelector"/>).
    /// </summary>
    public static MacAddressProblem? ProblemOf(ReadOnlySpan<byte> bytes) =>
        bytes.Length != 6 ? MacAddressProblem.WrongLength
        : !bytes.ContainsAnyExcept((byte)0) ? MacAddressProblem.AllZero
        : !bytes.ContainsAnyExcept((byte)0xFF) ? MacAddressProblem.Broadcast
        : (bytes[0] & 0x01) != 0 ? MacAddressProblem.Multicast
        : null;

    /// <summary>True when the U/L bit of the first octet is set (randomised Wi-Fi, containers, VMs).</summary>
    public static bool IsLocallyAdministered(ReadOnlySpan<byte> bytes) => (bytes[0] & 0x02) != 0;

    private static string Format(ReadOnlySpan<byte> bytes) =>
        string.Join('-', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static byte[] Parse(string text)
    {
        var trimmed = text.Trim();
        var hex = trimmed.Replace(":", "").Replace("-", "").Replace(".", "");
        if (!LooksLikeOneOfTheSpellings(trimmed) || hex.Length != 12 || !hex.All(Uri.IsHexDigit))
            throw new FormatException(
                $"'{text}' is not a MAC ID. Use six hex octets, e.g. 00-1A-2B-3C-4D-5E, 00:1a:2b:3c:4d:5e, 001a.2b3c.4d5e or 001A2B3C4D5E.");
        var bytes = Convert.FromHexString(hex);
        return ProblemOf(bytes) switch
        {
            MacAddressProblem.AllZero => throw new FormatException($"'{text}' is the all-zero MAC, which no adapter identifies."),
            MacAddressProblem.Broadcast => throw new FormatException($"'{text}' is the broadcast MAC, which no adapter identifies."),
            MacAddressProblem.Multicast => throw new FormatException($"'{text}' is a multicast MAC (the first octet is odd); use the adapter's own address."),
            _ => bytes,
        };
    }

    // Separators must be used consistently: 00-1A-..., 00:1A:..., 001A.2B3C.4D5E, or none at all.
    private static bool LooksLikeOneOfTheSpellings(string s) => s.Length switch
    {
        12 => true,
        14 => s[4] == '.' && s[9] == '.' && s.Count(c => c == '.') == 2,
        17 => (s.Count(c => c == '-') == 5 || s.Count(c => c == ':') == 5)
              && Enumerable.Range(1, 5).All(i => s[i * 3 - 1] == s[2]),
        _ => false,
    };
}
