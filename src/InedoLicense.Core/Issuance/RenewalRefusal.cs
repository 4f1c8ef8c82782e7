namespace InedoLicense.Issuance;

/// <summary>Why a licence cannot be renewed as asked (<see cref="InvalidRenewalException.Reason"/>).</summary>
public enum RenewalRefusal
{
    /// <summary>The key is a stopgap, which has no term of its own; its paid licence is what is renewed.</summary>
    Stopgap,
    /// <summary>The key is an agent or temporary organisation key: only product licences are renewed.</summary>
    NotALicence,
    /// <summary>The licence is perpetual: it has no term to renew.</summary>
    Perpetual,
    /// <summary>The renewal asks for another product.</summary>
    OtherProduct,
    /// <summary>The renewal was given a start: a renewal starts when the old term ends.</summary>
    StartGiven,
    /// <summary>The edition asked for (or the old one) is not a paid edition.</summary>
    EditionNotPaid,
    /// <summary>The renewed term would already be over.</summary>
    AlreadyOver,
}
