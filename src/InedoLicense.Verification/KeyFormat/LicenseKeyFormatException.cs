using InedoLicense.Verification;

namespace InedoLicense.KeyFormat;

/// <summary>A key that cannot be read: <see cref="Status"/> is Malformed or UnsupportedVersion.</summary>
public sealed class LicenseKeyFormatException : FormatException
{
    public LicenseKeyFormatException(LicenseStatus status, string message, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    public LicenseStatus Status { get; }

    internal static LicenseKeyFormatException Malformed(string message, Exception? inner = null) =>
        new(LicenseStatus.Malformed, message, inner);
}
