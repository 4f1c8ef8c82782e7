using System.Globalization;
using System.Management.Automation;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// A cmdlet that touches the store: -StorePath, resolved against the PowerShell location. Reading and
/// previewing never create a store: <see cref="Store"/> and <see cref="ExistingStore"/> open only an existing
/// one; <see cref="WritableStore"/>, used only where a command writes, creates it. A file that is not a
/// licence store is refused (NotALicenseStore) and left as it was.
/// </summary>
public abstract class StoreCmdlet : PSCmdlet, IDisposable
{
    private ILicenseStore? _store;

    /// <summary>
    /// The store: a SQLite file path, or a PostgreSQL connection string or URI (the shared store). Default:
    /// $env:INEDOLICENSE_STORE, else a per-user data folder.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    /// <summary>Where the store is, as opened: a file path resolved against the PowerShell location, or a PostgreSQL connection (with any password: never show it).</summary>
    protected string ResolvedStorePath =>
        StorePath is null ? StoreEngine.DefaultPath
        : StoreEngine.IsPostgres(StorePath) ? StorePath.Trim()
        : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StorePath);

    /// <summary>The store as messages, errors and verbose output name it: a PostgreSQL location without its password.</summary>
    protected string StoreName => StoreEngine.Display(ResolvedStorePath);

    /// <summary>The credential for a PostgreSQL store (none by default: the connection string, PGPASSWORD or a passfile).</summary>
    private protected virtual System.Net.NetworkCredential? StoreNetworkCredential => null;

    /// <summary>The default authority folder, beside the store.</summary>
    protected string DefaultAuthorityPath => StoreEngine.DefaultAuthorityPath(ResolvedStorePath);

    /// <summary>The pipeline row being processed, if the item came from one: its errors then name the row and target it.</summary>
    private protected PipelineRow? CurrentRow { get; set; }

    /// <summary>Columns that describe the current row in its errors (the ones that identify it).</summary>
    protected virtual string[] RowColumns => [];

    /// <summary>
    /// Reads a piped row (number <paramref name="number"/> of the input) as the item being processed: warns of
    /// columns <paramref name="columns"/> does not know, then merges it with the parameters through
    /// <paramref name="merge"/>. Null after writing the error of a row that cannot be used (a bad value, a conflict).
    /// </summary>
    private protected T? ReadRow<T>(PSObject input, long number, RowColumnCheck columns, Func<PipelineRow, T> merge) where T : class
    {
        var row = CurrentRow = PipelineRow.Read(input, number);
        columns.WarnOfUnused(this, row);
        try
        {
            return merge(row);
        }
        catch (RowValueException e)
        {
            WriteItemError(Errors.InvalidField(e, input));
            return null;
        }
    }

    /// <summary>
    /// Writes a non-terminating error for the current item. For a piped row, the message starts with the row
    /// ("Row 17 (Product=ProGet, Customer=Litware Inc, Edition=Platinum): ...") and the row is the target,
    /// so that a bad row in a CSV of thousands can be found; the exception is kept as it is.
    /// </summary>
    protected void WriteItemError(ErrorRecord record)
    {
        if (CurrentRow is not { } row)
        {
            WriteError(record);
            return;
        }
        var id = record.FullyQualifiedErrorId.Split(',')[0];
        var rowRecord = new ErrorRecord(record.Exception, id, record.CategoryInfo.Category, row.Source)
        {
            ErrorDetails = new ErrorDetails($"{row.Describe(RowColumns)}: {record.ErrorDetails?.Message ?? record.Exception.Message}"),
        };
        WriteError(rowRecord);
    }

    /// <summary>The existing store, opened on first use. A store that is missing or cannot be opened ends the command (StoreNotFound).</summary>
    protected ILicenseStore Store => _store ??= OpenStore(StoreOpenMode.Existing);

    /// <summary>
    /// The store when there is one; null while nothing (or an empty file) is at the path, when a writer's
    /// preview or checks read what a new store starts with. A file that is not a store ends the command.
    /// </summary>
    protected ILicenseStore? ExistingStore =>
        _store ??= !_storeMissing && StoreEngine.MayExist(ResolvedStorePath)
            ? OpenStore(StoreOpenMode.Existing, missingIsNull: true) ?? MarkMissing()
            : null;

    // A database without a store is asked once per command, not once per pipeline item (a file is only looked at).
    private bool _storeMissing;

    private ILicenseStore? MarkMissing()
    {
        _storeMissing = StoreEngine.IsPostgres(ResolvedStorePath);
        return null;
    }

    /// <summary>The store to write to, created (owner-only) if there is none yet. Only for the moment a command writes (after ShouldProcess).</summary>
    protected ILicenseStore WritableStore => _store ??= OpenStore(StoreOpenMode.OpenOrCreate);

    private ILicenseStore OpenStore(StoreOpenMode mode) => OpenStore(mode, missingIsNull: false)!;

    private ILicenseStore? OpenStore(StoreOpenMode mode, bool missingIsNull)
    {
        var path = StoreName;
        try
        {
            var store = StoreEngine.Open(ResolvedStorePath, mode, StoreNetworkCredential);
            WriteVerbose($"Licence store: {path}.");
            return store;
        }
        catch (StoreNotFoundException) when (missingIsNull)
        {
            return null;
        }
        catch (StoreNotFoundException)
        {
            ThrowTerminatingError(Errors.Record(ErrorIds.StoreNotFound, ErrorCategory.ObjectNotFound, path,
                Strings.StoreNotFoundForReading,
                path));
            throw; // unreachable
        }
        catch (NotALicenseStoreException e)
        {
            ThrowTerminatingError(Errors.Record(ErrorIds.NotALicenseStore, ErrorCategory.InvalidData, path, e));
            throw; // unreachable
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                      or System.Data.Common.DbException or ArgumentException or TimeoutException)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.OpenError, path, e,
                Strings.StoreCannotOpen, path, Errors.Sentence(e.Message)));
            throw; // unreachable
        }
    }

    /// <summary>
    /// Warns when this machine's clock is behind the newest record in the store: a clock set back
    /// makes expired keys look valid and stamps new keys and audit entries with wrong times.
    /// </summary>
    protected void WarnIfClockIsBehindStore()
    {
        DateTimeOffset? newest;
        try { newest = ExistingStore?.Licenses.NewestRecordTime(); }
        catch (System.Data.Common.DbException) { return; } // the command reports store errors where it uses the store
        var now = DateTimeOffset.UtcNow;
        if (newest is not { } latest || now + LicenseVerifier.DefaultClockSkew >= latest) return;
        WriteWarning(string.Format(CultureInfo.CurrentCulture,
            "This machine's clock says {0:yyyy-MM-dd HH:mm:ss}Z, but the store {1} already holds a record from {2:yyyy-MM-dd HH:mm:ss}Z ({3:N0} minutes later). "
            + "A clock set back makes expired keys look valid and stamps new keys and audit entries with wrong times: check the system time.",
            now.UtcDateTime, StoreName, latest.UtcDateTime, Math.Ceiling((latest - now).TotalMinutes)));
    }

    public void Dispose()
    {
        ReleaseResources();
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The serial in canonical form, or null after writing InvalidSerial for it.</summary>
    protected string? SerialOrError(string? text)
    {
        if (LicenseSerial.Normalize(text) is { } serial) return serial;
        WriteItemError(Errors.Record(ErrorIds.InvalidSerial, ErrorCategory.InvalidArgument, text,
            Strings.InvalidSerial, text));
        return null;
    }

    /// <summary>Writes LicenseNotFound for a serial the store does not hold.</summary>
    protected void WriteLicenseNotFound(string serial) =>
        WriteItemError(Errors.Record(ErrorIds.LicenseNotFound, ErrorCategory.ObjectNotFound, serial,
            Strings.LicenseNotFound, serial, StoreName));

    /// <summary>The recorded licence with that serial, or null after writing InvalidSerial or LicenseNotFound (also when there is no store yet).</summary>
    protected LicenseRecord? FindLicenseOrError(string? serialText)
    {
        if (SerialOrError(serialText) is not { } serial) return null;
        var record = ExistingStore?.Licenses.Find(serial);
        if (record is null) WriteLicenseNotFound(serial);
        return record;
    }

    /// <summary>Frees what a derived cmdlet holds; PowerShell disposes the cmdlet when the pipeline ends.</summary>
    protected virtual void ReleaseResources() { }
}
