namespace InedoLicense.Issuance;

/// <summary>A TTL the policy does not allow, or text that is not a TTL: the value asked for, why, and what is allowed.</summary>
public sealed class TtlNotAllowedException(string requested, string? parseError, IReadOnlyList<LicenseTtl> allowed)
    : InvalidOperationException(parseError ?? $"A TTL of {requested} is not allowed.")
{
    public string Requested { get; } = requested;
    /// <summary>Why the text is not a TTL at all; null when it is one the policy does not allow.</summary>
    public string? ParseError { get; } = parseError;
    public IReadOnlyList<LicenseTtl> Allowed { get; } = allowed;
}
