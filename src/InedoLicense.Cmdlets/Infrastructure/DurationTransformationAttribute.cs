using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Lets a TimeSpan parameter take a span written the way TTLs are: 30m, 4h, 30d, 2w. An unquoted 30d
/// reaches the cmdlet as the decimal 30 (d is PowerShell's decimal suffix), which is read as days.
/// Anything else ("1.00:00:00", a TimeSpan) binds unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed partial class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            decimal days => TimeSpan.FromDays((double)days),
            string text when Span().Match(text.Trim()) is { Success: true } m => Parse(m),
            _ => inputData,
        };

    private static TimeSpan Parse(Match m)
    {
        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return char.ToLowerInvariant(m.Groups[2].Value[0]) switch
        {
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            'w' => TimeSpan.FromDays(7 * number),
            _ => TimeSpan.FromDays(number),
        };
    }

    [GeneratedRegex(@"^(\d{1,5})([mhdwMHDW])$")]
    private static partial Regex Span();
}
