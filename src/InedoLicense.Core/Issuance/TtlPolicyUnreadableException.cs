namespace InedoLicense.Issuance;

/// <summary>The TTL policy the store holds cannot be read (it was edited outside the module): the stored text, and why.</summary>
public sealed class TtlPolicyUnreadableException(string stored, FormatException problem)
    : FormatException($"The TTL policy in the store ('{stored}') is unreadable: {problem.Message}", problem)
{
    /// <summary>The setting's text as the store holds it.</summary>
    public string Stored { get; } = stored;
    /// <summary>Why it is not a TTL policy.</summary>
    public string Problem => InnerException!.Message;
}
