namespace InedoLicense.Catalogue;

/// <summary>What an edition is for: free keys may be perpetual, paid keys have a term, a trial key lasts 30 days.</summary>
public enum EditionTier
{
    Free,
    /// <summary>Carries the product's standard paid features and the "trial" banner (stopgap keys use it).</summary>
    Trial,
    Paid,
}
