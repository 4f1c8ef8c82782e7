namespace InedoLicense.Verification;

/// <summary>Why a revocation list cannot be used.</summary>
public enum RevocationListProblem
{
    /// <summary>Not a revocation list in the InedoLicense CMS profile.</summary>
    Malformed,
    /// <summary>Its signer does not chain to a root of the trust bundle, or its chain is not valid now.</summary>
    UntrustedSigner,
    /// <summary>The signature does not match the list: it was changed after signing.</summary>
    BadSignature,
    /// <summary>The signer chains to the root but lacks the role that may sign lists (Issuer).</summary>
    SignerNotAuthorized,
    /// <summary>Past its next update: a newer list should exist, and this one may lack revocations.</summary>
    Expired,
}

/// <summary>A revocation list that must not be used; no key can be judged against it.</summary>
public sealed class InvalidRevocationListException(RevocationListProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RevocationListProblem Problem { get; } = problem;
}
