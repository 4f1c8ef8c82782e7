using System.Security.Cryptography;

namespace InedoLicense.Authority;

/// <summary>A PKCS#12 file cannot be opened: it may need a password (none was given), or the one given may be wrong.</summary>
public sealed class CertificateFileUnreadableException(string path, bool passwordGiven, CryptographicException problem)
    : CryptographicException($"Cannot open {path}: {(passwordGiven ? "the password may be wrong" : "it may need a password")}. {problem.Message}", problem)
{
    public string Path { get; } = path;
    public bool PasswordGiven { get; } = passwordGiven;
    /// <summary>What the loader said.</summary>
    public string Problem => InnerException!.Message;
}
