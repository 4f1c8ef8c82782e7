using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>Filters for listing the store. Text filters accept * and ? wildcards.</summary>
public sealed record LicenseQuery
{
    public IReadOnlyList<string>? Serials { get; init; }
    /// <summary>Serials that start with these hex digits (any case).</summary>
    public string? SerialPrefix { get; init; }
    public LicenseKind? Kind { get; init; }
    public string? Customer { get; init; }
    public string? Product { get; init; }
    public string? OrganizationId { get; init; }
    public RecordState? Status { get; init; }
    /// <summary>Keys that expire between <see cref="At"/> and At + this span (and are not revoked).</summary>
    public TimeSpan? ExpiringWithin { get; init; }
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
