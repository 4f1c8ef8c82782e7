namespace InedoLicense.Store;

/// <summary>Who acts: the OS user and, when a key is signed, the signing certificate.</summary>
public sealed record AuditActor(string OsUser, string? CertificateThumbprint)
{
    public static AuditActor CurrentUser(string? certificateThumbprint = null) =>
        new(OperatingSystem.IsWindows() ? $@"{Environment.UserDomainName}\{Environment.UserName}" : Environment.UserName, certificateThumbprint);
}

/// <summary>One line of the audit log. <see cref="Hash"/> chains it to the line before.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string OsUser, string? CertificateThumbprint,
    string Action, string? Target, string? Details, byte[] Hash);

/// <summary>Audit actions, as recorded.</summary>
public static class AuditActions
{
    public const string CreateAuthority = "CreateAuthority";
    public const string AddIssuer = "AddIssuer";
    public const string IssueKey = "IssueKey";
    public const string RevokeKey = "RevokeKey";
    public const string ChangeSetting = "ChangeSetting";
    /// <summary>A product of the catalogue was added or changed (details: its definition as JSON).</summary>
    public const string SetProduct = "SetProduct";
    public const string ExportRevocationList = "ExportRevocationList";
}
