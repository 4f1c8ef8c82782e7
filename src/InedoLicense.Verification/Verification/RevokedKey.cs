using System.Security.Cryptography;
using System.Text;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Verification;

/// <summary>One revoked key: its serial, when it was revoked and, optionally, why.</summary>
public sealed record RevokedKey(string Serial, DateTimeOffset RevokedAt, string? Reason);
