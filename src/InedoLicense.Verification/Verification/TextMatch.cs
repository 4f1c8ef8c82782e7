namespace InedoLicense.Verification;

/// <summary>
/// How a verifier compares the product, organisation and MAC ID it expects with a key's (docs/key-format.md §5):
/// ASCII letters A–Z match a–z, and every other character only itself. No Unicode case folding, so a verifier in
/// any language gets the same answer ("ProGet" = "PROGET", but "ı" ≠ "i", "ſ" ≠ "s", U+212A KELVIN SIGN ≠ "K").
/// </summary>
public static class TextMatch
{
    public static bool Equal(string? a, string? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i] && ToAsciiLower(a[i]) != ToAsciiLower(b[i])) return false;
        return true;
    }

    private static char ToAsciiLower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
}
