using System.Globalization;
using System.Text;

namespace InedoLicense.Core.Tests.Security;

// Writing the corpus from the generated cases (Core tests only).
public sealed partial record HostileKeyCorpus
{
    public static void Write(string folder, HostileKeyCases cases)
    {
        Directory.CreateDirectory(folder);
        var text = new StringBuilder()
            .AppendLine("# InedoLicense hostile-key corpus: one key a line, after a comment naming the case and the status a verifier must give.")
            .AppendLine("# Replay: Test-LicenseKey -Path hostile-keys.txt -TrustBundle trust.pem -At <the moment below>")
            .AppendLine("# Rewrite: INEDOLICENSE_WRITE_CORPUS=<folder> dotnet test tests/InedoLicense.Core.Tests --filter StructuredHostileKeys")
            .AppendLine(CultureInfo.InvariantCulture, $"# at: {cases.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        foreach (var hostile in cases.Cases)
            text.AppendLine(CultureInfo.InvariantCulture, $"# case: {hostile.Name}; expected: {hostile.Expected}").AppendLine(hostile.Text);
        File.WriteAllText(Path.Combine(folder, KeysFile), text.ToString());
        File.WriteAllText(Path.Combine(folder, TrustFile), cases.TrustPem);
    }
}
