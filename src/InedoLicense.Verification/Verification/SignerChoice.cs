namespace InedoLicense.Verification;

internal sealed record SignerChoice(TrustedIssuer? Issuer, SignerFailure Failure);
