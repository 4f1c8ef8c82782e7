using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// PowerShell reads an unquoted 7d inside a list (-Ttl 1h, 7d) as the decimal literal 7 ("d" is its
/// decimal suffix), and the text is lost before binding. A decimal can only have come from such a
/// literal, so it is turned back into the days it meant; everything else binds unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TtlTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => inputData switch
    {
        string => inputData,
        IList list => list.Cast<object?>().Select(Days).ToArray(),
        _ => Days(inputData),
    };

    private static object? Days(object? value) =>
        (value is PSObject wrapped ? wrapped.BaseObject : value) is decimal number
            ? number.ToString(CultureInfo.InvariantCulture) + "d"
            : value;
}
