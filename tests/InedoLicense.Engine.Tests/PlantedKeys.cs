using InedoLicense.Authority;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// Real keys the cmdlets refuse to make (say, one that expired last month), signed by the default issuer of an
/// authority made 90 days ago (<see cref="PastTrustBundle"/>) and recorded in the session's store through Core, as a
/// key issued back then would be.
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

    /// <summary>
    /// The trust bundle of the authority that signed <see cref="Expired"/> keys: one made 90 days ago, beside the session's.
    /// A key "issued 60 days ago" by the session's own authority (made just now) would be issued before its issuer
    /// existed, which a verifier refuses (docs/design/key-format.md §4.4).
    /// </summary>
    public static string PastTrustBundle(ModuleSession session) => PastAuthority(session).TrustBundlePath;

    private static LicenseAuthority PastAuthority(ModuleSession session)
    {
        var path = Path.Combine(Path.GetDirectoryName(session.StorePath)!, "authority-90-days-ago");
        return Directory.Exists(path) ? LicenseAuthority.Open(path)
            : LicenseAuthority.Create(path, "Past Vendor", KeyAlgorithm.EcdsaP256, password: null, DateTimeOffset.UtcNow.AddDays(-90));
    }

    private static string Plant(ModuleSession session, LicensePayload payload)
    {
        using var signer = PastAuthority(session).OpenDefaultSigner(IssuerRole.Issuer, password: null);
        var record = LicenseRecord.FromPayload(payload, KeyText.Encode(signer.Sign(payload)), signer.Thumbprint);
        // The module's store connection is closed between pipelines (no pooling), so the two never overlap.
        using var store = LicenseStore.Open(session.StorePath);
        store.Licenses.AddLicenses([(record, "planted by a test")], AuditActor.CurrentUser(signer.Thumbprint));
        return payload.Serial;
    }
}
