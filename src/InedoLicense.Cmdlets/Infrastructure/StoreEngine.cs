using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// The one place the cmdlets choose a store engine, by the location's form: a PostgreSQL URI (postgres://,
/// postgresql://) or a key=value connection string with a Host is the shared PostgreSQL store; anything else is a
/// SQLite file path. Everything else works with <see cref="ILicenseStore"/> and its parts, never with SQL or a
/// provider type, and names the store by <see cref="Display"/> (a location's password never shows).
/// </summary>
internal static class StoreEngine
{
    /// <summary>$env:INEDOLICENSE_STORE (a file path or a PostgreSQL connection), else a per-user data folder.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(LicenseStore.PathVariable) is { Length: > 0 } fromEnvironment && IsPostgres(fromEnvironment)
            ? fromEnvironment.Trim()
            : LicenseStore.DefaultPath;

    public static bool IsPostgres(string location) => PostgresLocation.IsPostgres(location);

    /// <summary>The location as messages, errors and verbose output show it: a PostgreSQL location without its password.</summary>
    public static string Display(string location) => PostgresLocation.Redact(location);

    /// <summary>
    /// The default authority folder: beside a SQLite store; for a shared PostgreSQL store, in this user's data folder
    /// (private keys stay on each admin's machine, never in the database).
    /// </summary>
    public static string DefaultAuthorityPath(string location) =>
        IsPostgres(location)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "InedoLicense", "authority")
            : LicenseStore.DefaultAuthorityPath(location);

    /// <summary>True when there may be a store to read: a PostgreSQL location (the database decides), or an existing non-empty file.</summary>
    public static bool MayExist(string location) =>
        IsPostgres(location) || new FileInfo(location) is { Exists: true, Length: > 0 };

    public static ILicenseStore Open(string location, StoreOpenMode mode, System.Net.NetworkCredential? credential = null) =>
        IsPostgres(location) ? PostgresStore.Open(location, mode, credential) : LicenseStore.Open(location, mode);

    /// <summary>Opens the store when first needed, creating it if there is none: a key issuer's first commit.</summary>
    public static Func<ILicenseStore> Opener(string location, System.Net.NetworkCredential? credential = null) =>
        () => Open(location, StoreOpenMode.OpenOrCreate, credential);
}
