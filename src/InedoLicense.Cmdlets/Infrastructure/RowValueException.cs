using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>A row's value that cannot be used: the message names the column and says what it should be.</summary>
internal sealed class RowValueException(string column, object? value, string message) : ArgumentException(message, column)
{
    public string Column { get; } = column;
    public object? Value { get; } = value;

    /// <summary>The message alone: it already names the column.</summary>
    public override string Message { get; } = message;
}
