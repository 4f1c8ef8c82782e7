using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>A row's value or the parameter's: both given and different is an error, never one silently over the other.</summary>
internal static class RowMerge
{
    public static string? Text(PipelineRow row, string column, string? fromParameter)
    {
        var fromRow = row.Text(column);
        if (fromRow is null) return fromParameter;
        if (fromParameter is not null && !string.Equals(fromRow.Trim(), fromParameter.Trim(), StringComparison.OrdinalIgnoreCase))
            throw Conflict(column, fromRow, fromParameter);
        return fromRow;
    }

    public static T? Value<T>(T? fromRow, T? fromParameter, string column) where T : struct
    {
        if (fromRow is null) return fromParameter;
        if (fromParameter is not null && !fromRow.Value.Equals(fromParameter.Value)) throw Conflict(column, fromRow, fromParameter);
        return fromRow;
    }

    private static RowValueException Conflict(string column, object fromRow, object fromParameter) =>
        new(column, fromRow, $"The row gives {column} '{fromRow}', and -{column} '{fromParameter}' was given too; give it in one place.");
}
