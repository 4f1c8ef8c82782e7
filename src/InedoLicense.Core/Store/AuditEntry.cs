namespace InedoLicense.Store;

/// <summary>One line of the audit log. <see cref="Hash"/> chains it to the line before.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string OsUser, string? CertificateThumbprint,
    string Action, string? Target, string? Details, byte[] Hash);
