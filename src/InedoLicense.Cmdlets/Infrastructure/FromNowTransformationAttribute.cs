using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Lets a DateTimeOffset parameter take a TimeSpan (or "d.hh:mm:ss" text), meaning that long from now.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class FromNowTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            TimeSpan span => DateTimeOffset.UtcNow + span,
            string text when text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => DateTimeOffset.UtcNow + span,
            _ => inputData,
        };
}
