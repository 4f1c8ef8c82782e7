namespace InedoLicense.Issuance;

/// <summary>One request for a stopgap key, as given (a CSV row, say): the target of its errors.</summary>
public sealed record StopgapRequest(string Product, string Customer, string? LapsedLicense, StopgapReason Reason)
{
    public override string ToString() =>
        $"{Product} for {Customer}{(string.IsNullOrEmpty(LapsedLicense) ? "" : $" (lapsed {LapsedLicense})")}, {Reason}";
}
