namespace InedoLicense.Verification;

/// <summary>A key's status changed: what it was, and what it is now.</summary>
public sealed class LicenseChangedEventArgs(LicenseVerification previous, LicenseVerification current) : EventArgs
{
    public LicenseVerification Previous { get; } = previous;
    public LicenseVerification Current { get; } = current;
}
