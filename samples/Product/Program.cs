// A product checks its licence key at start-up: usage: Product <key text, or @file holding it>
// Exit code 0 when the key is valid, 1 otherwise.
using InedoLicense.Verification;

var keyText = args.Length == 0 ? Environment.GetEnvironmentVariable("PRODUCT_LICENSE_KEY") ?? ""
    : args[0].StartsWith('@') ? File.ReadAllText(args[0][1..]) : args[0];

using var resource = typeof(Program).Assembly.GetManifestResourceStream("trust.pem")!;
using var trust = TrustBundle.FromPem(new StreamReader(resource).ReadToEnd());
var license = new LicenseVerifier(trust).Verify(keyText, new VerificationContext { Product = "ProGet" });

if (!license.IsValid)
{
    Console.WriteLine($"Not licensed: {license.Status}. {license.Message}");
    return 1;
}
Console.WriteLine($"Licensed to {license.Customer}: {license.Product} {license.Edition}, {(license.ExpiresAt is { } end ? $"until {end:yyyy-MM-dd}" : "perpetual")}");
if (license.Banner is { } banner) Console.WriteLine($"Banner: {banner}");
Console.WriteLine($"Feed replication: {(license.HasFeature("FeedReplication") ? "on" : "off")}");
Console.WriteLine($"Servers: {license.FeatureValue("Servers") ?? "unlimited"}");
return 0;

public partial class Program;
