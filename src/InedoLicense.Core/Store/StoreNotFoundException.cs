namespace InedoLicense.Store;

/// <summary>There is no file at the store's path (opened with <see cref="StoreOpenMode.Existing"/>).</summary>
public sealed class StoreNotFoundException(string path)
    : FileNotFoundException($"There is no licence store at {path}.", path)
{
    public string Path { get; } = path;
}
