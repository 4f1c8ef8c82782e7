using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;

namespace InedoLicense.Issuance;

/// <summary>
/// How long a key's text form can get before it is signed. ECDSA signatures vary by a byte or
/// two, so the bound assumes the longest DER signature the key can produce: the same payload is
/// always accepted or always refused.
/// </summary>
public static class KeyLength
{
    /// <summary>A temporary organisation key is pasted into the agent's registration key field: under 400 characters.</summary>
    public const int TemporaryOrganizationMaximum = 399;

    /// <summary>The key-length limit of temporary organisation keys: throws <see cref="KeyTooLongException"/> when the payload, signed by <paramref name="signer"/>, could exceed it.</summary>
    public static void EnsureTemporaryOrganizationFits(LicensePayload payload, X509Certificate2 signer, bool includeCertificates)
    {
        var worstCase = WorstCase(payload, signer, includeCertificates);
        if (worstCase > TemporaryOrganizationMaximum) throw new KeyTooLongException(worstCase, TemporaryOrganizationMaximum);
    }

    /// <summary>The longest text form this payload can have when <paramref name="signer"/> signs it.</summary>
    public static int WorstCase(LicensePayload payload, X509Certificate2 signer, bool includeCertificates)
    {
        var subjectKeyId = signer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray()
            ?? throw new ArgumentException($"Certificate {signer.Thumbprint} has no subject key identifier.", nameof(signer));
        string algorithm;
        int signatureLength;
        using (var ecdsa = signer.GetECDsaPublicKey())
        using (var rsa = ecdsa is null ? signer.GetRSAPublicKey() : null)
        {
            if (ecdsa is not null)
            {
                // SEQUENCE { INTEGER r, INTEGER s }, each at most the field size plus a leading zero.
                var integer = 2 + (ecdsa.KeySize + 7) / 8 + 1;
                var body = 2 * integer;
                signatureLength = body + (body < 128 ? 2 : 3);
                algorithm = Oids.EcdsaWithSha256;
            }
            else
            {
                signatureLength = (rsa?.KeySize ?? throw new ArgumentException($"Certificate {signer.Thumbprint} has no ECDSA or RSA key.", nameof(signer))) / 8;
                algorithm = Oids.Sha256WithRsa;
            }
        }
        var der = SignedDataCodec.Write(PayloadCodec.Encode(payload), subjectKeyId, algorithm, new byte[signatureLength],
            includeCertificates ? [signer.RawData] : null);
        return KeyText.Prefix.Length + (der.Length * 4 + 2) / 3;
    }
}
