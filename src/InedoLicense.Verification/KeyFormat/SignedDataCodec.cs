using System.Formats.Asn1;

namespace InedoLicense.KeyFormat;

/// <summary>
/// Writes and reads the one CMS SignedData shape keys use (RFC 5652): id-data content attached,
/// one SignerInfo identified by subject key identifier, SHA-256, no signed attributes. Written
/// with AsnWriter around a raw signature because SignedCms.ComputeSignature verifies every
/// signature it makes and costs ~4x (shared/notes/cms-performance.md); the output is checked
/// against SignedCms and openssl in the tests.
/// </summary>
public static class SignedDataCodec
{
    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Implicit0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag CertificatesTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static byte[] Write(ReadOnlySpan<byte> content, ReadOnlySpan<byte> subjectKeyId, string signatureAlgorithmOid,
        ReadOnlySpan<byte> signature, IReadOnlyList<byte[]>? certificates = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 256 + content.Length);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(Oids.SignedData);
            using (writer.PushSequence(Explicit0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(3);
                using (writer.PushSetOf())
                    WriteAlgorithm(writer, Oids.Sha256, withNullParameters: false);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Oids.Data);
                    using (writer.PushSequence(Explicit0))
                        writer.WriteOctetString(content);
                }
                if (certificates is { Count: > 0 })
                {
                    using (writer.PushSetOf(CertificatesTag))
                        foreach (var certificate in certificates)
                            writer.WriteEncodedValue(certificate);
                }
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(3);
                    writer.WriteOctetString(subjectKeyId, Implicit0);
                    WriteAlgorithm(writer, Oids.Sha256, withNullParameters: false);
                    WriteAlgorithm(writer, signatureAlgorithmOid, withNullParameters: signatureAlgorithmOid != Oids.EcdsaWithSha256);
                    writer.WriteOctetString(signature);
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>Strict parse of the profile. Throws <see cref="LicenseKeyFormatException"/> (Malformed).</summary>
    public static SignedKey Read(byte[] der)
    {
        try
        {
            var top = new AsnReader(der, AsnEncodingRules.DER);
            var contentInfo = top.ReadSequence();
            top.ThrowIfNotEmpty();
            Expect(contentInfo.ReadObjectIdentifier() == Oids.SignedData, "The CMS content type is not SignedData.");
            var explicitContent = contentInfo.ReadSequence(Explicit0);
            contentInfo.ThrowIfNotEmpty();
            var signedData = explicitContent.ReadSequence();
            explicitContent.ThrowIfNotEmpty();

            Expect(signedData.TryReadInt32(out var version) && version == 3, "SignedData version is not 3.");
            var digestAlgorithms = signedData.ReadSetOf();
            ReadSha256(digestAlgorithms);
            digestAlgorithms.ThrowIfNotEmpty();

            var encapsulated = signedData.ReadSequence();
            Expect(encapsulated.ReadObjectIdentifier() == Oids.Data, "The encapsulated content type is not id-data.");
            var eContent = encapsulated.ReadSequence(Explicit0);
            var content = eContent.ReadEncodedValue();
            eContent.ThrowIfNotEmpty();
            encapsulated.ThrowIfNotEmpty();
            var contentReader = new AsnReader(content, AsnEncodingRules.DER);
            Expect(contentReader.TryReadPrimitiveOctetString(out var contentBytes), "The content is not a primitive OCTET STRING.");

            var certificates = new List<ReadOnlyMemory<byte>>();
            if (signedData.PeekTag().HasSameClassAndValue(CertificatesTag))
            {
                var set = signedData.ReadSetOf(CertificatesTag);
                while (set.HasData)
                {
                    Expect(set.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence), "Only X.509 certificates may be embedded.");
                    certificates.Add(set.ReadEncodedValue());
                }
            }

            var signerInfos = signedData.ReadSetOf();
            signedData.ThrowIfNotEmpty();
            var signerInfo = signerInfos.ReadSequence();
            Expect(!signerInfos.HasData, "A key has exactly one signer.");

            Expect(signerInfo.TryReadInt32(out var signerVersion) && signerVersion == 3,
                "The signer is not identified by subject key identifier (SignerInfo version 3).");
            var ski = signerInfo.ReadOctetString(Implicit0);
            Expect(ski.Length is > 0 and <= 64, "The subject key identifier is empty or too long.");
            ReadSha256(signerInfo);
            Expect(!signerInfo.PeekTag().HasSameClassAndValue(Explicit0), "Signed attributes are not part of the key profile.");
            var signatureAlgorithm = ReadSignatureAlgorithm(signerInfo);
            Expect(signerInfo.TryReadPrimitiveOctetString(out var signature), "The signature is not a primitive OCTET STRING.");
            Expect(!signerInfo.HasData, "Unsigned attributes are not part of the key profile.");

            return new SignedKey
            {
                Der = der,
                Content = contentBytes,
                SubjectKeyId = ski,
                SignatureAlgorithm = signatureAlgorithm,
                Signature = signature,
                Certificates = certificates,
            };
        }
        catch (AsnContentException e)
        {
            throw LicenseKeyFormatException.Malformed("The key is not a valid CMS SignedData: " + e.Message, e);
        }
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid, bool withNullParameters)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters) writer.WriteNull();
        }
    }

    // RFC 5754: SHA-2 parameters are absent, but implementations must accept NULL too.
    private static void ReadSha256(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        Expect(algorithm.ReadObjectIdentifier() == Oids.Sha256, "The digest algorithm is not SHA-256.");
        if (algorithm.HasData) algorithm.ReadNull();
        algorithm.ThrowIfNotEmpty();
    }

    private static string ReadSignatureAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        Expect(oid is Oids.EcdsaWithSha256 or Oids.Sha256WithRsa or Oids.RsaEncryption,
            $"The signature algorithm {oid} is not ECDSA or RSA with SHA-256.");
        if (algorithm.HasData) algorithm.ReadNull();
        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition) throw LicenseKeyFormatException.Malformed(message);
    }
}
