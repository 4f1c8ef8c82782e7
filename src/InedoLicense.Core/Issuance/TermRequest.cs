using InedoLicense.Catalogue;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Terms;

namespace InedoLicense.Issuance;

/// <summary>What the caller asked about a key's term; each part optional.</summary>
public readonly record struct TermRequest(int? Months = null, DateTimeOffset? ExpiresAt = null, DateTimeOffset? NotBefore = null);
