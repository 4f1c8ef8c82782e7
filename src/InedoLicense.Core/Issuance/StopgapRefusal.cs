namespace InedoLicense.Issuance;

/// <summary>Why no stopgap is issued for a request (<see cref="StopgapRefusedException.Reason"/>).</summary>
public enum StopgapRefusal
{
    /// <summary>The request names no customer.</summary>
    NoCustomer,
    /// <summary>The request names no product.</summary>
    NoProduct,
    /// <summary>The licence named as lapsed cannot be the term (revoked, not paid, another product or customer, not the latest).</summary>
    InvalidLapsedLicense,
    /// <summary>The paid term has more than <see cref="StopgapPolicy.Window"/> to run.</summary>
    TooEarly,
    /// <summary>The term already has a stopgap.</summary>
    AlreadyIssued,
}
