using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>What one commit recorded (in order, with any override set) and what it refused.</summary>
public sealed record RecordedKeys(IReadOnlyList<LicenseRecord> Recorded, IReadOnlyList<RuleConflict> Refused);
