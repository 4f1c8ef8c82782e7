namespace InedoLicense.Signing;

public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 with SHA-256: short keys, fast signing. The default.</summary>
    EcdsaP256,
    /// <summary>RSA 3072 (PKCS#1 v1.5, SHA-256): for products that can only verify RSA.</summary>
    Rsa3072,
}
