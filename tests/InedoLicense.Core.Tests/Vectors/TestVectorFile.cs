using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Vectors;

/// <summary>
/// docs/test-vectors/vectors.json (format in docs/test-vectors/README.md): keys with the status a verifier must give at
/// a stated moment, against docs/test-vectors/trust.pem and, where a vector says so, docs/test-vectors/revoked.pem.
/// The engine tests compile this file too (linked), so Core and Test-LicenseKey read the vectors one way.
/// </summary>
public sealed record TestVectorFile
{
    public const string VectorsFile = "vectors.json";
    public const string TrustFile = "trust.pem";
    public const string RevocationListFile = "revoked.pem";
    public const string FormatName = "InedoLicense test vectors 1";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string Format { get; init; }
    public required string Description { get; init; }
    public required string TrustBundle { get; init; }
    public required string RevocationList { get; init; }
    public required int ClockSkewSeconds { get; init; }
    public required IReadOnlyList<TestVector> Vectors { get; init; }

    public static TestVectorFile Load(string folder)
    {
        var file = JsonSerializer.Deserialize<TestVectorFile>(File.ReadAllText(Path.Combine(folder, VectorsFile)), Json)
            ?? throw new FormatException("vectors.json is empty.");
        if (file.Format != FormatName) throw new FormatException($"vectors.json is '{file.Format}', not '{FormatName}'.");
        return file;
    }

    /// <summary>The committed vectors, copied beside the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "test-vectors");
}

public sealed record TestVector
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>The moment to evaluate at, ISO 8601 UTC.</summary>
    public required string At { get; init; }
    public string? Product { get; init; }
    public string? OrganizationId { get; init; }
    public string? MacId { get; init; }
    /// <summary>True: use the revocation list of the file.</summary>
    public bool RevocationList { get; init; }
    public required string Expected { get; init; }
    public required string Key { get; init; }

    [JsonIgnore]
    public DateTimeOffset Moment => DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [JsonIgnore]
    public LicenseStatus ExpectedStatus => Enum.Parse<LicenseStatus>(Expected);

    public override string ToString() => Name;
}
