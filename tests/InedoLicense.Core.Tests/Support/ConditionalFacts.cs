namespace InedoLicense.Core.Tests.Support;

/// <summary>A fact that reports itself skipped, visibly, where openssl is not on PATH (xunit 2 has no dynamic skip).</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (OpenSsl.Locate() is null) Skip = "openssl is not on PATH";
    }
}

/// <summary>A fact about Unix file modes: skipped, visibly, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file modes do not apply on Windows";
    }
}
