using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// A stopgap <see cref="StopgapPolicy.Plan"/> accepted: the payload to sign, the paid licence whose term it bridges
/// (null: the customer has none), and, when an override let it past the window, why it was early.
/// </summary>
public sealed record StopgapPlan(LicensePayload Payload, LicenseRecord? Lapsed, string? EarlyBy)
{
    public string Customer => Payload.Customer!;
    public string Product => Payload.Product!;
}
