namespace InedoLicense.Issuance;

/// <summary>A renewal that already renews a licence: its serial, or null for one this command issued and has not committed yet.</summary>
public sealed record ExistingRenewal(string? Serial);
