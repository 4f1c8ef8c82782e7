using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Reading cmdlet output without referencing the module's types (they live in its own load context).</summary>
public static class PSObjectReading
{
    public static object? Value(this PSObject item, string property) =>
        (item.Properties[property] ?? throw new Xunit.Sdk.XunitException($"No property '{property}' on {item.TypeNames[0]}.")).Value;

    /// <summary>The property's value as text (enums by name); null stays null.</summary>
    public static string? Text(this PSObject item, string property) => item.Value(property)?.ToString();

    public static List<string?> Texts(this IEnumerable<PSObject> items, string property) =>
        items.Select(item => item.Text(property)).ToList();
}

public static class ErrorAssert
{
    /// <summary>The record's stable ErrorId: FullyQualifiedErrorId is "Id,Command".</summary>
    public static string Id(this ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];

    public static ErrorRecord Is(ErrorRecord record, string errorId, ErrorCategory category, object? target = null)
    {
        Assert.Equal(errorId, record.Id());
        Assert.Equal(category, record.CategoryInfo.Category);
        if (target is not null) Assert.Equal(target, Unwrap(record.TargetObject));
        return record;
    }

    public static ErrorRecord Single(IReadOnlyList<ErrorRecord> errors, string errorId, ErrorCategory category, object? target = null)
    {
        var record = Assert.Single(errors);
        return Is(record, errorId, category, target);
    }

    private static object? Unwrap(object? target) => target is PSObject wrapped ? wrapped.BaseObject : target;
}

/// <summary>Tests that set process-wide state ($env:INEDOLICENSE_STORE): xunit runs this collection on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
