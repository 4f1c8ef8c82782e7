namespace InedoLicense.KeyFormat;

/// <summary>What a key is for. The numeric values are the payload's ENUMERATED values.</summary>
public enum LicenseKind
{
    /// <summary>A free or paid product licence (the edition says which).</summary>
    License = 1,
    /// <summary>A 30-day trial-edition key for a customer whose paid licence lapsed.</summary>
    Stopgap = 2,
    /// <summary>Registers one agent: bound to an organisation and a machine's MAC ID.</summary>
    Agent = 3,
    /// <summary>Lets a partner or developer log into an organisation's agent for a short time.</summary>
    TemporaryOrganization = 4,
}

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
