namespace InedoLicense.KeyFormat;

public static class Oids
{
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string Data = "1.2.840.113549.1.7.1";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
}
