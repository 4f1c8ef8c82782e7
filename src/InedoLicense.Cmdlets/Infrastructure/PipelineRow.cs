using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// One object piped into an issuing cmdlet (an Import-Csv row, a [pscustomobject]) read column by column.
/// PowerShell's by-property-name binding skips a value it cannot convert without a word (Months=abc gave a
/// 12-month key), and costs ~100 µs a row; a row read here uses every value it gives or refuses it with a
/// <see cref="RowValueException"/> naming the column. An empty or blank cell means "not given".
/// </summary>
internal sealed class PipelineRow
{

    private PipelineRow(PSObject source, long number)
    {
        Source = source;
        Number = number;
    }

    /// <summary>The object as it was piped: the target of the row's errors.</summary>
    public PSObject Source { get; }

    /// <summary>The row's position in the pipeline input, from 1.</summary>
    public long Number { get; }

    /// <summary>The row's columns (its properties), in order. Enumerating them costs more than reading a few by name.</summary>
    public IEnumerable<string> Columns => Source.Properties.Where(p => p.IsGettable).Select(p => p.Name);

    /// <summary>
    /// The row; its cells are read by name when asked for (a by-name lookup is several times cheaper than
    /// enumerating every property of the row, which cost ~30% of a row's time in New-License).
    /// </summary>
    public static PipelineRow Read(PSObject source, long number) => new(source, number);

    private bool TryGetValue(string column, out object? value)
    {
        var property = Source.Properties[column];
        value = property is { IsGettable: true } ? property.Value : null;
        return property is not null;
    }

    /// <summary>The column's text, or null when the row has no such column or the cell is empty or blank.</summary>
    public string? Text(string column)
    {
        if (!TryGetValue(column, out var value)) return null;
        var text = (value is PSObject wrapped ? wrapped.BaseObject : value) switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A whole number in [min, max], or null when not given.</summary>
    public int? Int(string column, int min, int max, string unit)
    {
        var raw = Raw(column);
        if (raw is null) return null;
        int number;
        if (raw is string text)
        {
            if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                throw new RowValueException(column, text, Message(Strings.RowValueNotWholeNumber, column, Show(text), unit, min, max));
        }
        else if (raw is int or long or short or byte or sbyte or ushort or uint or ulong)
        {
            var wide = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
            number = wide is >= int.MinValue and <= int.MaxValue ? (int)wide : int.MaxValue;
        }
        else throw new RowValueException(column, raw, Message(Strings.RowValueNotWholeNumber, column, Show(raw), unit, min, max));
        if (number < min || number > max)
            throw new RowValueException(column, raw, Message(Strings.RowValueOutOfRange, column, number, min, max, unit));
        return number;
    }

    /// <summary>A date and time, read as the command line reads one (invariant culture), or null when not given.</summary>
    public DateTimeOffset? Date(string column)
    {
        var raw = Raw(column);
        switch (raw)
        {
            case null: return null;
            case DateTimeOffset value: return value;
            case DateTime value: return value.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(value) : value;
            case string text when LanguagePrimitives.TryConvertTo<DateTimeOffset>(text.Trim(), CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new RowValueException(column, raw,
                    Message(Strings.RowValueNotADate, column, Show(raw)));
        }
    }

    /// <summary>One of the enum's names (any case), or null when not given. Numbers are refused: a CSV names its values.</summary>
    public TEnum? Enum<TEnum>(string column) where TEnum : struct, Enum
    {
        var raw = Raw(column);
        if (raw is null) return null;
        if (raw is TEnum value) return value;
        var text = raw as string;
        var names = System.Enum.GetNames<TEnum>();
        var match = text is null ? null : names.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
            throw new RowValueException(column, raw, Message(Strings.RowValueNotOneOf, column, Show(raw), string.Join(", ", names)));
        return System.Enum.Parse<TEnum>(match);
    }

    /// <summary>"row 3 (Product=Gadget, Customer=Litware Inc, Edition=Platinum)": the row's number and the named columns it gives.</summary>
    public string Describe(params string[] columns)
    {
        var given = columns.Select(c => (Column: c, Value: Text(c))).Where(c => c.Value is not null)
            .Select(c => $"{c.Column}={c.Value}").ToList();
        return given.Count == 0 ? $"Row {Number}" : $"Row {Number} ({string.Join(", ", given)})";
    }

    // The cell's value, unwrapped; null when absent, empty or blank.
    private object? Raw(string column)
    {
        if (!TryGetValue(column, out var value)) return null;
        var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
        return raw is string s && string.IsNullOrWhiteSpace(s) ? null : raw;
    }

    /// <summary>A message from Strings.resx with its values, in the user's culture.</summary>
    internal static string Message(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    private static string Show(object value) => value is string s ? $"'{s}'" : $"'{value}' (a {value.GetType().Name})";
}
