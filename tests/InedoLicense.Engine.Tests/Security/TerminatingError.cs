using System.Management.Automation;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>
/// A cmdlet's ThrowTerminatingError only ends its statement, so a plain Invoke does not throw; inside
/// try/catch it does, and the bare throw rethrows the same record.
/// </summary>
public static class TerminatingError
{
    public static ErrorRecord Of(ModuleSession session, string script, params object?[] args) =>
        Assert.ThrowsAny<RuntimeException>(() => session.Invoke($"try {{\n{script}\n}} catch {{ throw }}", args)).ErrorRecord;

    public static string ErrorId(this ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];
}
