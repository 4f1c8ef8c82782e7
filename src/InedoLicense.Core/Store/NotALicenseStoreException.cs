namespace InedoLicense.Store;

/// <summary>
/// The file is not a licence store: another application's SQLite database, an empty file opened for
/// reading, or not a database at all. It was refused before anything was written to it.
/// </summary>
public sealed class NotALicenseStoreException(string path, string reason)
    : IOException($"{path} is not a licence store: {reason}. It was left unchanged.")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
