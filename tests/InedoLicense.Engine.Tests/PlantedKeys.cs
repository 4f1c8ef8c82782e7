using InedoLicense.Authority;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// Real keys the cmdlets refuse to make (say, one that expired last month), signed by the session's
/// default issuer and recorded in its store through Core, as a key issued back then would be.
/// </summary>
public static class PlantedKeys
{
    public static string Expired(ModuleSession session, string customer = "Expired Ltd")
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return Plant(session, new LicensePayload
        {
            Serial = LicenseSerial.NewSerial(),
            Kind = LicenseKind.License,
            IssuedAt = now.AddDays(-60),
            NotBefore = now.AddDays(-60),
            ExpiresAt = now.AddDays(-30),
            Customer = customer,
            Product = "ProGet",
            Edition = "Basic",
        });
    }

    private static string Plant(ModuleSession session, LicensePayload payload)
    {
        using var signer = LicenseAuthority.Open(session.AuthorityPath).OpenDefaultSigner(IssuerRole.Issuer, password: null);
        var record = LicenseRecord.FromPayload(payload, KeyText.Encode(signer.Sign(payload)), signer.Thumbprint);
        // The module's store connection is closed between pipelines (no pooling), so the two never overlap.
        using var store = LicenseStore.Open(session.StorePath);
        store.AddLicenses([(record, "planted by a test")], AuditActor.CurrentUser(signer.Thumbprint));
        return payload.Serial;
    }
}
