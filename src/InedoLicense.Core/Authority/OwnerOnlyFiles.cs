namespace InedoLicense.Authority;

/// <summary>Creates folders and files only their owner can read (0700/0600 on Unix).</summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the folder and every missing folder above it owner-only (Directory.CreateDirectory gives the
    /// parents it creates 0777 less the umask). Folders that already exist keep their mode.
    /// </summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
            if (Path.GetDirectoryName(folder) is null) break;
        }
        while (missing.TryPop(out var folder))
            Directory.CreateDirectory(folder, OwnerFolderMode); // one level at a time: its parent exists now
    }

    /// <summary>Writes a new file; refuses to overwrite one.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerFileMode;
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }

    /// <summary>Creates an empty owner-only file if there is none, so that a tool opening it later keeps the mode.</summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path)) return;
        try { WriteNew(path, []); }
        catch (IOException) when (File.Exists(path)) { } // another process created it first
    }
}
