using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Lets a serial parameter take a serial string, any licence object of this module (Get-License,
/// Test-LicenseKey, ConvertFrom-LicenseKey output: its Serial), or a row with a RenewalOf column,
/// so that piping a licence or a CSV of renewals works; anything else is refused, never turned into a string.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class LicenseSerialTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null or string) return value;
        var type = value.GetType();
        if (SerialOf(value) is { } serial) return serial;
        // A CSV row: its RenewalOf column.
        if (inputData is PSObject row && row.Properties["RenewalOf"]?.Value is string column && !string.IsNullOrWhiteSpace(column))
            return column;
        var message = $"Expected a licence serial or a licence (from Get-License or Test-LicenseKey), not a {type.Name}.";
        throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
    }

    /// <summary>The Serial of a licence object of this module (a record, a verification, a decoded key), else null.</summary>
    public static string? SerialOf(object? value) =>
        value is not null && value.GetType() is var type && type.Namespace?.StartsWith("InedoLicense.", StringComparison.Ordinal) == true
            && type.GetProperty("Serial")?.GetValue(value) is string serial ? serial : null;
}
