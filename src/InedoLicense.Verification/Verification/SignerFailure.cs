namespace InedoLicense.Verification;

/// <summary>How far a candidate signer got (docs/design/key-format.md §5, steps 4 to 9); later values are further.</summary>
internal enum SignerFailure
{
    NoCandidate,
    UntrustedChain,
    UnfitToSign,
    NotValidWhenSigned,
    BadSignature,
    MissingRole,
    None,
}
