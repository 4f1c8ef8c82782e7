namespace InedoLicense.Store;

/// <summary>How a store is opened. Reading and previewing never create a file; only a command that writes does.</summary>
public enum StoreOpenMode
{
    /// <summary>The store must already exist and be a licence store (readers, previews, checks).</summary>
    Existing,
    /// <summary>Opens the store, or creates it where there is no file or an empty one (commands that write).</summary>
    OpenOrCreate,
}
