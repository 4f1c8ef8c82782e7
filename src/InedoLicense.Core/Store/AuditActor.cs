namespace InedoLicense.Store;

/// <summary>Who acts: the OS user and, when a key is signed, the signing certificate.</summary>
public sealed record AuditActor(string OsUser, string? CertificateThumbprint)
{
    public static AuditActor CurrentUser(string? certificateThumbprint = null) =>
        new(OperatingSystem.IsWindows() ? $@"{Environment.UserDomainName}\{Environment.UserName}" : Environment.UserName, certificateThumbprint);
}
