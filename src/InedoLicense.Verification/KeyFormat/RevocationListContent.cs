using System.Formats.Asn1;
using InedoLicense.Verification;

namespace InedoLicense.KeyFormat;

/// <summary>What a signed revocation list says (docs/design/revocation-list.md).</summary>
public sealed record RevocationListContent(DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, IReadOnlyList<RevokedKey> Entries);
