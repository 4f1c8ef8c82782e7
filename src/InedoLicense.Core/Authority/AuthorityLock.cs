namespace InedoLicense.Authority;

/// <summary>
/// An exclusive lock on the authority's .lock file (created with the authority, or by the first issuer added to an
/// older one), held while one process adds an issuer and rewrites trust.pem: other processes (and threads) wait
/// their turn, up to a timeout. The file stays: removing a lock file lets two processes hold "the" lock at once.
/// </summary>
internal sealed class AuthorityLock : IDisposable
{
    private readonly FileStream _stream;

    private AuthorityLock(FileStream stream) => _stream = stream;

    public static AuthorityLock Acquire(string path, TimeSpan timeout)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new AuthorityLock(new FileStream(path, options));
            }
            catch (IOException e) when (File.Exists(path)) // held by another process (or thread): wait for it
            {
                if (waited.Elapsed >= timeout)
                    throw new IOException($"Another process has been changing the authority for {timeout.TotalSeconds:N0} s ({path} is locked); try again later.", e);
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
