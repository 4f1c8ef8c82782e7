using InedoLicense.KeyFormat;

namespace InedoLicense.Core.Tests.Support;

/// <summary>Realistic payloads of each kind, valid for <see cref="Issuance.PayloadRules"/>; times are whole seconds.</summary>
internal static class SamplePayloads
{
    public const string MacId = "00-1A-2B-3C-4D-5E";
    public const string Organization = "ORG-7f3a9c";

    public static LicensePayload For(LicenseKind kind, DateTimeOffset now) => kind switch
    {
        LicenseKind.License => License(now),
        LicenseKind.Stopgap => Stopgap(now),
        LicenseKind.Agent => Agent(now),
        LicenseKind.TemporaryOrganization => TemporaryOrganization(now),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static LicensePayload License(DateTimeOffset now) => Base(LicenseKind.License, now) with
    {
        ExpiresAt = now.AddDays(365),
        Customer = "Contoso Ltd",
        Product = "ProGet",
        Edition = "Basic",
        Features = ["FeedReplication", "Servers=10"],
    };

    public static LicensePayload Stopgap(DateTimeOffset now) => Base(LicenseKind.Stopgap, now) with
    {
        ExpiresAt = now.AddDays(30),
        Customer = "Contoso Ltd",
        Product = "ProGet",
        Edition = "Trial",
        Banner = "trial",
    };

    public static LicensePayload Agent(DateTimeOffset now) => Base(LicenseKind.Agent, now) with
    {
        OrganizationId = Organization,
        MacId = MacId,
    };

    public static LicensePayload TemporaryOrganization(DateTimeOffset now) => Base(LicenseKind.TemporaryOrganization, now) with
    {
        ExpiresAt = now.AddHours(8),
        OrganizationId = Organization,
        Audience = "dev@partner.example",
        Purpose = "Debug the SAP integration",
        Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
    };

    /// <summary>Every field set, whatever the kind uses: for the codec, which does not apply the kind's rules.</summary>
    public static LicensePayload WithEveryField(LicenseKind kind, DateTimeOffset now) => new()
    {
        Serial = LicenseSerial.NewSerial(),
        Kind = kind,
        IssuedAt = now,
        NotBefore = now.AddHours(1),
        ExpiresAt = now.AddDays(30),
        Customer = "Contoso Ltd — Zürich",
        Product = "ProGet",
        Edition = "Enterprise",
        Features = ["FeedReplication", "Servers=10", "Ünicode=✓"],
        OrganizationId = Organization,
        MacId = MacId,
        Audience = "dev@partner.example",
        Purpose = "Debugging",
        Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
        Banner = "trial",
        RenewalOf = LicenseSerial.NewSerial(),
    };

    private static LicensePayload Base(LicenseKind kind, DateTimeOffset now) =>
        new() { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
}
