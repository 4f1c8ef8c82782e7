namespace InedoLicense.Issuance;

/// <summary>The licence cannot be renewed as asked; the message says why and what to do instead.</summary>
public sealed class InvalidRenewalException(string serial, string message) : InvalidOperationException(message)
{
    /// <summary>The serial of the licence that was to be renewed.</summary>
    public string Serial { get; } = serial;
}
