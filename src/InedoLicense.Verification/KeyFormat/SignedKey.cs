namespace InedoLicense.KeyFormat;

/// <summary>The parts of a key's CMS SignedData that verification needs (docs/key-format.md, "CMS profile").</summary>
public sealed class SignedKey
{
    public required byte[] Der { get; init; }
    /// <summary>The eContent octets: the DER payload that was signed.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }
    public required byte[] SubjectKeyId { get; init; }
    public required string SignatureAlgorithm { get; init; }
    public required ReadOnlyMemory<byte> Signature { get; init; }
    /// <summary>DER certificates embedded in the SignedData (none by default).</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Certificates { get; init; }

    public string SubjectKeyIdHex => Convert.ToHexString(SubjectKeyId);
}
