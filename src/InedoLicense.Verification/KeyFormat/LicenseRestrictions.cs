namespace InedoLicense.KeyFormat;

/// <summary>What the product must enforce while the key is in use (payload bit flags).</summary>
[Flags]
public enum LicenseRestrictions
{
    None = 0,
    /// <summary>The agent keeps the "save data configuration" option disabled.</summary>
    DataConfigurationSavingDisabled = 1,
    /// <summary>Logins with this key produce no login details in the feed.</summary>
    NoFeedLoginDetails = 2,
}
