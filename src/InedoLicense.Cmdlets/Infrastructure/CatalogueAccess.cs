using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Reads the product catalogue for a command, and turns catalogue lookups into ErrorRecords.</summary>
internal static class CatalogueAccess
{
    /// <summary>The store's catalogue (seeded with the shipped default on first use). A store that cannot deliver it ends the command.</summary>
    public static ProductCatalogue LoadCatalogue(this ILicenseStore store, PSCmdlet cmdlet)
    {
        try
        {
            return store.Catalogue.LoadCatalogue();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            cmdlet.ThrowTerminatingError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.ReadError, store.Path, e,
                Strings.CatalogueUnreadable, store.Path, e.Message));
            throw; // unreachable
        }
    }

    /// <summary>
    /// The catalogue to issue or preview from, without writing: the store's, or the shipped default while there is
    /// no store or its catalogue is empty (the first key recorded seeds it). A store that cannot deliver it ends the command.
    /// </summary>
    public static ProductCatalogue PeekCatalogue(this ILicenseStore? store, PSCmdlet cmdlet)
    {
        if (store is null) return ProductCatalogue.Default;
        try
        {
            return store.Catalogue.PeekCatalogue();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            cmdlet.ThrowTerminatingError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.ReadError, store.Path, e,
                Strings.CatalogueUnreadable, store.Path, e.Message));
            throw; // unreachable
        }
    }

    /// <summary>UnknownProduct or UnknownEdition, ObjectNotFound, with the name asked for as target; the message lists the known ones.</summary>
    public static ErrorRecord Error(CatalogueLookupException e) => e.Failure == CatalogueLookupFailure.UnknownProduct
        ? Errors.Wrap(ErrorIds.UnknownProduct, ErrorCategory.ObjectNotFound, e.Value, e, Strings.UnknownProductInCatalogue,
            e.Value, e.Known.Count == 0 ? "(none)" : string.Join(", ", e.Known)) // Core's message names no command; the advice is ours
        : Errors.Record(ErrorIds.UnknownEdition, ErrorCategory.ObjectNotFound, e.Value, e);
}
