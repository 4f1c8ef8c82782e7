using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests.Security;

/// <summary>A fact about Unix file modes: skipped, visibly, on Windows.</summary>
public sealed class UnixModesFactAttribute : FactAttribute
{
    public UnixModesFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file modes do not apply on Windows";
    }
}

public sealed class OwnerOnlyModeTests : IDisposable
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-modes-").FullName;

    [UnixModesFact]
    public void StoreWalAndShmAreOwnerOnly()
    {
        var path = Path.Combine(_folder, "new-folder", "licenses.db");
        using var store = LicenseStore.Open(path);
        store.AuditLog.Audit(new AuditActor("tester", null), AuditActions.ChangeSetting, "x", "y");

        // While the connection is open, SQLite keeps the write-ahead log and shared-memory index beside the store.
        Assert.Equal(OwnerFolder, ModeOf(Path.GetDirectoryName(path)!));
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            Assert.True(File.Exists(file), file + " does not exist");
            Assert.Equal(OwnerFile, ModeOf(file));
        }
    }

    [UnixModesFact]
    public void AuthorityFolderAndKeyFilesAreOwnerOnly()
    {
        var authority = LicenseAuthority.Create(Path.Combine(_folder, "authority"), "Modes", KeyAlgorithm.EcdsaP256, "pw", KeyIssuer.Now());
        authority.AddIssuer("second", [IssuerRole.Issuer], "pw", "pw2", KeyIssuer.Now());

        Assert.Equal(OwnerFolder, ModeOf(authority.Path));
        Assert.Equal(OwnerFolder, ModeOf(authority.IssuersPath));
        var files = Directory.GetFiles(authority.Path, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("root.pfx", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("second.pfx", StringComparison.Ordinal));
        foreach (var file in files)
            Assert.True(ModeOf(file) == OwnerFile, $"{file} has mode {ModeOf(file)}");
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
