using InedoLicense.KeyFormat;
using InedoLicense.Verification;

namespace InedoLicense.Signing;

/// <summary>Signs revocation lists (docs/revocation-list.md); reading them is <see cref="RevocationList"/>'s job, in the verifier.</summary>
public static class RevocationListSigner
{
    /// <summary>Signs a list; returns its DER. Throws <see cref="InvalidOperationException"/> when the signer lacks <see cref="RevocationList.SignerRole"/>.</summary>
    public static byte[] Sign(LicenseSigner signer, IEnumerable<RevokedKey> entries, DateTimeOffset issuedAt, DateTimeOffset nextUpdate,
        bool includeCertificates = false)
    {
        if (!signer.Roles.Contains(RevocationList.SignerRole))
            throw new InvalidOperationException(
                $"Certificate {signer.Thumbprint} does not hold the {RevocationList.SignerRole} role, which signing a revocation list needs.");
        var content = RevocationListCodec.Encode(new RevocationListContent(WholeSeconds(issuedAt), WholeSeconds(nextUpdate), entries.ToList()));
        return signer.SignContent(content, includeCertificates);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
