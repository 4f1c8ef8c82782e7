// An agent logs a partner in with a temporary organisation key, keeps "save data configuration" off and the login out
// of the feed as the key says, and logs the partner out the moment the key expires or a newer revocation list revokes it.
// usage: Agent <trust.pem> <key file> <organisation ID> [<folder where revocation lists arrive>] [--clock-skew-seconds N]
using InedoLicense.Verification;

var positional = args.Where(a => !a.StartsWith("--")).ToArray();
var skewAt = Array.IndexOf(args, "--clock-skew-seconds");
var skew = skewAt >= 0 ? TimeSpan.FromSeconds(int.Parse(args[skewAt + 1])) : LicenseVerifier.DefaultClockSkew;
positional = positional.Where(a => skewAt < 0 || a != args[skewAt + 1]).ToArray();
var (trustPath, keyPath, organization) = (positional[0], positional[1], positional[2]);
var listFolder = positional.Length > 3 ? positional[3] : null;

using var trust = TrustBundle.Load(trustPath);
var verifier = new LicenseVerifier(trust) { ClockSkew = skew };
using var monitor = new LicenseMonitor(verifier, File.ReadAllText(keyPath), new VerificationContext { OrganizationId = organization });
if (!monitor.IsValid)
{
    Console.WriteLine($"Login refused: {monitor.Current.Status}. {monitor.Current.Message}");
    return 1;
}

var loggedOut = new TaskCompletionSource<LicenseVerification>(TaskCreationOptions.RunContinuationsAsynchronously);
monitor.Changed += (_, change) => { if (!change.Current.IsValid) loggedOut.TrySetResult(change.Current); };
var key = monitor.Current;
Console.WriteLine($"Logged in: {key.Audience} in {key.OrganizationId} until {key.ExpiresAt:u}");
Console.WriteLine($"Save data configuration: {(key.DataConfigurationSavingDisabled ? "disabled" : "enabled")}");
Console.WriteLine($"Login in the feed: {(key.NoFeedLoginDetails ? "hidden" : "shown")}");

// Revocation lists arrive as files; a newer one is applied at once (an older one is ignored).
using var watcher = listFolder is null ? null : new FileSystemWatcher(listFolder, "*.pem") { EnableRaisingEvents = true };
if (watcher is not null)
    watcher.Created += (_, e) =>
    {
        try
        {
            Thread.Sleep(200); // let the writer finish the file
            var list = RevocationList.Verify(File.ReadAllBytes(e.FullPath), trust, DateTimeOffset.UtcNow, skew);
            Console.WriteLine(monitor.UseRevocationList(list) ? $"Revocation list of {list.IssuedAt:u} applied" : "Older revocation list ignored");
        }
        catch (Exception ex) when (ex is InvalidRevocationListException or IOException)
        {
            Console.WriteLine($"Revocation list refused: {ex.Message}");
        }
    };
Console.WriteLine("Watching the key");

var reason = await loggedOut.Task;
Console.WriteLine($"Logged out: {reason.Status}. {reason.Message}");
return 0;
