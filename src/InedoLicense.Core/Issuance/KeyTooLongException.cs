namespace InedoLicense.Issuance;

/// <summary>A key whose text could exceed its kind's limit: how long it could get, and the longest allowed.</summary>
public sealed class KeyTooLongException(int worstCase, int maximum)
    : InvalidOperationException($"The key could be {worstCase} characters long; at most {maximum} are allowed.")
{
    public int WorstCase { get; } = worstCase;
    public int Maximum { get; } = maximum;
}
