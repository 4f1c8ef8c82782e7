using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>What is at a store's path, judged from the file's header alone (it is not opened with SQLite).</summary>
internal enum StoreFileState
{
    Missing,
    Empty,
    /// <summary>An SQLite database with our application_id.</summary>
    Ours,
    /// <summary>No application_id, but a schema version a store of an earlier module had (or a write-ahead log to read first): its tables decide.</summary>
    Candidate,
    Foreign,
}
