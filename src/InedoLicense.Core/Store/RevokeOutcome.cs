namespace InedoLicense.Store;

/// <summary>The outcome of revoking one serial.</summary>
public enum RevokeOutcome { Revoked, NotFound, AlreadyRevoked }
