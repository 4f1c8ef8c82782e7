using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// The one place the cmdlets choose a store engine (SQLite today). Everything else works with
/// <see cref="ILicenseStore"/> and its parts, and never sees SQL or a provider type.
/// </summary>
internal static class StoreEngine
{
    /// <summary>$env:INEDOLICENSE_STORE, else a per-user data folder.</summary>
    public static string DefaultPath => LicenseStore.DefaultPath;

    /// <summary>The default authority folder, beside the store.</summary>
    public static string DefaultAuthorityPath(string storePath) => LicenseStore.DefaultAuthorityPath(storePath);

    public static ILicenseStore Open(string path, StoreOpenMode mode) => LicenseStore.Open(path, mode);

    /// <summary>Opens the store when first needed, creating it if there is none: a key issuer's first commit.</summary>
    public static Func<ILicenseStore> Opener(string path) => LicenseStore.Opener(path);
}
