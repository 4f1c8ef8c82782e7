using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>One key to record, its audit note, and the rule an explicit override lets it past (if any).</summary>
public sealed record KeyToRecord(LicenseRecord Record, string? AuditNote = null, IssuanceRule? MayOverride = null);
