using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using InedoLicense.Catalogue;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Completes -Product with the catalogue's products (of -StorePath's store, else the default store's).</summary>
public sealed class ProductNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CatalogueCompletion.Complete(wordToComplete, CatalogueCompletion.Read(fakeBoundParameters).Products.Select(p => p.Name));
}

/// <summary>Completes -Edition with the editions of -Product (or of every product when none is given yet).</summary>
public sealed class EditionNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var catalogue = CatalogueCompletion.Read(fakeBoundParameters);
        var product = fakeBoundParameters["Product"] as string ?? fakeBoundParameters["Name"] as string;
        var products = catalogue.Find(product) is { } one ? [one] : catalogue.Products;
        return CatalogueCompletion.Complete(wordToComplete, products.SelectMany(p => p.Editions).Select(e => e.Name));
    }
}

internal static class CatalogueCompletion
{
    public static ProductCatalogue Read(IDictionary fakeBoundParameters)
    {
        try
        {
            var path = fakeBoundParameters["StorePath"] is string storePath ? Path.GetFullPath(storePath) : LicenseStore.DefaultPath;
            if (!File.Exists(path)) return ProductCatalogue.Default; // completing must not create a store
            using var store = LicenseStore.Open(path);
            return store.PeekCatalogue();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            return ProductCatalogue.Default;
        }
    }

    public static IEnumerable<CompletionResult> Complete(string wordToComplete, IEnumerable<string> names)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names.Distinct(StringComparer.OrdinalIgnoreCase).Where(pattern.IsMatch).Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionResult(name.Any(char.IsWhiteSpace) ? $"'{name.Replace("'", "''")}'" : name, name,
                CompletionResultType.ParameterValue, name));
    }
}
