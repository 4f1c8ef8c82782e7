using InedoLicense.KeyFormat;
using InedoLicense.Terms;
using InedoLicense.Verification;

namespace InedoLicense.Signing;

/// <summary>Signs revocation lists (docs/design/revocation-list.md); reading them is <see cref="RevocationList"/>'s job, in the verifier.</summary>
public static class RevocationListSigner
{
    /// <summary>Signs a list; returns its DER. Throws <see cref="Issuance.IssuerNotAuthorizedException"/> when the signer lacks <see cref="RevocationList.SignerRole"/> (the one check of it).</summary>
    public static byte[] Sign(LicenseSigner signer, IEnumerable<RevokedKey> entries, DateTimeOffset issuedAt, DateTimeOffset nextUpdate,
        bool includeCertificates = false)
    {
        if (!signer.Roles.Contains(RevocationList.SignerRole))
            throw new Issuance.IssuerNotAuthorizedException(signer.Thumbprint, RevocationList.SignerRole, kind: null);
        var content = RevocationListCodec.Encode(new RevocationListContent(LicenseTerm.ToWholeSeconds(issuedAt), LicenseTerm.ToWholeSeconds(nextUpdate), entries.ToList()));
        return signer.SignContent(content, includeCertificates);
    }
}
