namespace InedoLicense.Verification;

/// <summary>A revocation list that must not be used; no key can be judged against it.</summary>
public sealed class InvalidRevocationListException(RevocationListProblem problem, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RevocationListProblem Problem { get; } = problem;
}
