namespace InedoLicense.Store;

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
