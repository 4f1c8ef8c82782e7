namespace InedoLicense.Issuance;

/// <summary>Why a customer needs a stopgap key (the seed's three reasons). Signed into the key as its Purpose.</summary>
public enum StopgapReason
{
    /// <summary>The licence expires before accounts payable can raise a purchase order.</summary>
    PurchaseOrderPending,
    /// <summary>The renewal contact left the company and nobody took over.</summary>
    RenewalContactLeft,
    /// <summary>The expiry e-mails went unnoticed.</summary>
    ExpiryNoticeMissed,
    Other,
}
