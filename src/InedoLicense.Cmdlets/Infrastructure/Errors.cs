using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Builds ErrorRecords with a stable id, a specific category, the real target and a message that says what to do.
/// Messages are formats from Strings.resx (the generated Strings class), filled in with CultureInfo.CurrentCulture.
/// </summary>
internal static class Errors
{
    public static ErrorRecord Record(string errorId, ErrorCategory category, object? target, Exception exception) =>
        new(exception, errorId, category, target);

    public static ErrorRecord Record(string errorId, ErrorCategory category, object? target, string format, params object?[] args) =>
        new(new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, format, args)), errorId, category, target);

    /// <summary>Same message, but keeps the original exception as the inner one.</summary>
    public static ErrorRecord Wrap(string errorId, ErrorCategory category, object? target, Exception inner, string format, params object?[] args) =>
        new(new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, format, args), inner), errorId, category, target);

    /// <summary>InvalidLicenseField for a field the core refused; the message without .NET's "(Parameter 'x')" suffix, the exception kept.</summary>
    public static ErrorRecord InvalidField(ArgumentException e, object? target)
    {
        var message = e.ParamName is { } name && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
        return new ErrorRecord(e, ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(message) };
    }

    /// <summary>A message from elsewhere (a driver's, a provider's) as one sentence, so that ours can follow it.</summary>
    public static string Sentence(string message) =>
        message.Length == 0 || message[^1] is '.' or '!' or '?' ? message : message + ".";
}
