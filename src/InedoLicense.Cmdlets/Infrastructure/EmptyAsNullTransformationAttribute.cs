using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Turns an empty or blank string (an empty CSV cell) into null, so an optional parameter takes its default.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class EmptyAsNullTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is string text && string.IsNullOrWhiteSpace(text) ? null : inputData;
}
