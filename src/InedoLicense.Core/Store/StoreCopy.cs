namespace InedoLicense.Store;

/// <summary>
/// Copies a store into an empty one, row for row: licences in the order they were recorded (revocations, stopgap
/// terms and overrides with them), the audit log with its hashes and its anchor as they are (nothing re-appended, so
/// the chain and the anchor verify on the copy), the catalogue and the settings as stored. How a team moves from one
/// admin's SQLite file to the shared PostgreSQL database. The destination must be empty; it is written in one
/// transaction, all or nothing.
/// </summary>
public static class StoreCopy
{
    public static StoreCopyResult Copy(ILicenseStore source, ILicenseStore destination)
    {
        if (source is not IStoreTables from) throw new NotSupportedException($"The store {source.Path} cannot be read row for row.");
        if (destination is not IStoreTables to) throw new NotSupportedException($"The store {destination.Path} cannot be copied into.");
        var contents = from.Export();
        to.Import(contents);
        return new StoreCopyResult
        {
            Source = source.Path,
            Destination = destination.Path,
            Licenses = contents.Licenses.Count,
            Revoked = contents.Licenses.Count(l => l.RevokedAt is not null),
            AuditEntries = contents.AuditLog.Count,
            Products = contents.Products.Count,
            Settings = contents.Settings.Count,
        };
    }
}

/// <summary>What <see cref="StoreCopy.Copy"/> copied (and where), as Copy-LicenseStore outputs it.</summary>
public sealed record StoreCopyResult
{
    public required string Source { get; init; }
    public required string Destination { get; init; }
    public required int Licenses { get; init; }
    public required int Revoked { get; init; }
    public required int AuditEntries { get; init; }
    public required int Products { get; init; }
    /// <summary>The settings rows, the audit anchor among them.</summary>
    public required int Settings { get; init; }
}

/// <summary>A destination that is not empty; nothing was written to it.</summary>
public sealed class StoreNotEmptyException(string path, string holds)
    : InvalidOperationException($"The store {path} is not empty (it holds {holds}): a store is copied only into an empty one. Nothing was written.")
{
    public string Path { get; } = path;
}

/// <summary>Every row of a store, as stored: what a copy moves.</summary>
internal sealed record StoreContents(
    IReadOnlyList<LicenseRecord> Licenses,
    IReadOnlyList<AuditEntry> AuditLog,
    IReadOnlyList<(string Name, string Definition)> Products,
    IReadOnlyList<(string Name, string Value)> Settings);

/// <summary>An engine's tables, row for row (<see cref="StoreCopy"/>).</summary>
internal interface IStoreTables
{
    /// <summary>Every row, licences in the order they were recorded, in one snapshot.</summary>
    StoreContents Export();

    /// <summary>Writes every row into this store, which must be empty (<see cref="StoreNotEmptyException"/>), in one transaction.</summary>
    void Import(StoreContents contents);
}
