using System.Management.Automation;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>A cmdlet that touches the store: -StorePath, resolved against the PowerShell location.</summary>
public abstract class StoreCmdlet : PSCmdlet, IDisposable
{
    private LicenseStore? _store;

    /// <summary>The SQLite store. Default: $env:INEDOLICENSE_STORE, else a per-user data folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    protected string ResolvedStorePath =>
        StorePath is null ? LicenseStore.DefaultPath : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StorePath);

    /// <summary>The default authority folder, beside the store.</summary>
    protected string DefaultAuthorityPath => LicenseStore.DefaultAuthorityPath(ResolvedStorePath);

    /// <summary>Opened on first use; a store that cannot be opened ends the command.</summary>
    protected LicenseStore Store => _store ??= OpenStore();

    private LicenseStore OpenStore()
    {
        var path = ResolvedStorePath;
        try
        {
            return LicenseStore.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                      or System.Data.Common.DbException)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.OpenError, path, e,
                "Cannot open the licence store {0}: {1} Check the path (-StorePath or $env:INEDOLICENSE_STORE) and its permissions.", path, e.Message));
            throw; // unreachable
        }
    }

    public void Dispose()
    {
        ReleaseResources();
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees what a derived cmdlet holds; PowerShell disposes the cmdlet when the pipeline ends.</summary>
    protected virtual void ReleaseResources() { }
}
