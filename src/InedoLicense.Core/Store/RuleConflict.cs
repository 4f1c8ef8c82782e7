using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>A key the store refused: <paramref name="Rule"/> already has its one key, <paramref name="Existing"/>.</summary>
public sealed record RuleConflict(LicenseRecord Refused, IssuanceRule Rule, LicenseRecord Existing);
