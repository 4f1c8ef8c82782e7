using InedoLicense.Verification;

namespace InedoLicense.Store;

/// <summary>Revoking keys (a part of <see cref="ILicenseStore"/>).</summary>
public interface IRevocations
{
    /// <summary>Revokes one key and audits it, in one transaction.</summary>
    RevokeOutcome Revoke(string serial, string? reason, AuditActor actor, DateTimeOffset at);

    /// <summary>Every revoked serial, loaded once so that bulk verification needs no query per key.</summary>
    RevocationSet LoadRevocations();
}
