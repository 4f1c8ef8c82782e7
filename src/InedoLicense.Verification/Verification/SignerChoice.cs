using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Verification;

internal sealed record SignerChoice(TrustedIssuer? Issuer, SignerFailure Failure);
