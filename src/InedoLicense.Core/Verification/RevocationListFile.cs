namespace InedoLicense.Verification;

/// <summary>What Export-LicenseRevocationList wrote.</summary>
public sealed record RevocationListFile(string Path, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, int Count,
    string SignerSubject, string SignerThumbprint);
