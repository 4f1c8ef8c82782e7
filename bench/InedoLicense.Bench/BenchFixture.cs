using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Bench;

/// <summary>A throwaway authority, a signer and a sample key, in a temp folder.</summary>
internal sealed class BenchFixture : IDisposable
{
    public BenchFixture()
    {
        Folder = Directory.CreateTempSubdirectory("inedolicense-bench-").FullName;
        Authority = LicenseAuthority.Create(Path.Combine(Folder, "authority"), "Bench", KeyAlgorithm.EcdsaP256, null, DateTimeOffset.UtcNow);
        Signer = Authority.OpenDefaultSigner(IssuerRole.Issuer, null);
        Trust = TrustBundle.Load(Authority.TrustBundlePath);
        Payload = SamplePayload();
        PayloadDer = PayloadCodec.Encode(Payload);
        Key = KeyText.Encode(Signer.Sign(Payload));
        RawPrivate = Signer.Certificate.GetECDsaPrivateKey()!;
        RawPublic = Signer.Certificate.GetECDsaPublicKey()!;
        RawSignature = RawPrivate.SignData(PayloadDer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public string Folder { get; }
    public LicenseAuthority Authority { get; }
    public LicenseSigner Signer { get; }
    public TrustBundle Trust { get; }
    public LicensePayload Payload { get; }
    public byte[] PayloadDer { get; }
    public string Key { get; }
    public ECDsa RawPrivate { get; }
    public ECDsa RawPublic { get; }
    public byte[] RawSignature { get; }

    public static string ModuleManifest =>
        Path.Combine(typeof(BenchFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "InedoLicenseModuleLayoutDir").Value!, "InedoLicense.psd1");

    public static LicensePayload SamplePayload(int i = 0) => KeyIssuer.NewPayload(LicenseKind.License) with
    {
        Product = "ProGet",
        Customer = $"Customer {i:D6}",
        Edition = "Basic",
        ExpiresAt = KeyIssuer.Now().AddMonths(12),
    };

    /// <summary>Writes <paramref name="count"/> keys, one a line, and returns the path.</summary>
    public string WriteKeyFile(int count)
    {
        var path = Path.Combine(Folder, $"keys-{count}.txt");
        if (File.Exists(path)) return path;
        using var writer = new StreamWriter(path);
        writer.WriteLine("# bench keys");
        for (var i = 0; i < count; i++) writer.WriteLine(KeyText.Encode(Signer.Sign(SamplePayload(i))));
        return path;
    }

    public void Dispose()
    {
        Signer.Dispose();
        Trust.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A fresh database on the PostgreSQL server the admin connection string names (2d).</summary>
    public static (string Name, string ConnectionString) CreatePostgresDatabase(string admin)
    {
        var name = "inedolicense_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return (name, new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public static void DropPostgresDatabase(string admin, string name)
    {
        using var connection = new Npgsql.NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
