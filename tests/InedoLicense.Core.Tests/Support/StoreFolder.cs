using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests.Support;

/// <summary>A temp folder with a store file path in it; stores opened through it are disposed with it.</summary>
public sealed class StoreFolder : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<LicenseStore> _opened = [];

    public string StorePath => _folder.Combine("licenses.db");
    public string Path => _folder.Path;

    public LicenseStore Open()
    {
        var store = LicenseStore.Open(StorePath);
        lock (_opened) _opened.Add(store);
        return store;
    }

    public static AuditActor Actor { get; } = new("tester", "0123456789ABCDEF0123456789ABCDEF01234567");

    /// <summary>A record as the issuer would make it; the key text is a stand-in, the store does not read it.</summary>
    public static LicenseRecord Record(LicensePayload payload) =>
        LicenseRecord.FromPayload(payload, KeyText.Prefix + "stand-in-" + payload.Serial, Actor.CertificateThumbprint!);

    public static IReadOnlyList<(LicenseRecord, string?)> Batch(params LicenseRecord[] records) =>
        [.. records.Select(r => (r, (string?)null))];

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
        _folder.Dispose();
    }
}
