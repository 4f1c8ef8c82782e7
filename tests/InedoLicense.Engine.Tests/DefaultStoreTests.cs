namespace InedoLicense.Engine.Tests;

/// <summary>
/// The default store ($env:INEDOLICENSE_STORE, no -StorePath). The variable is process-wide, so these
/// tests run alone, and each restores it.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class DefaultStoreTests
{
    private const string Variable = "INEDOLICENSE_STORE";

    [Fact]
    public void VerifyingDoesNotCreateTheDefaultStore()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var absentStore = Path.Combine(session.Folder, "absent", "licenses.db");

        var result = RestoringStoreVariable(() =>
            session.Run("$env:INEDOLICENSE_STORE = $args[1]; Test-LicenseKey -Key $args[0].Key -TrustBundle $args[2]",
                key, absentStore, session.TrustBundlePath).Single());

        Assert.Equal("Valid", result.Text("Status"));
        Assert.False(File.Exists(absentStore));
        Assert.False(Directory.Exists(Path.GetDirectoryName(absentStore)));
    }

    [Fact]
    public void VerifyingChecksRevocationsInTheDefaultStoreWhenItExists()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        session.Run("$args[0] | Revoke-License -Reason 'refunded' -Confirm:$false -StorePath $StorePath", key);

        // No -StorePath and no -TrustBundle: both come from the variable (the authority lives beside the store).
        var result = RestoringStoreVariable(() =>
            session.Run("$env:INEDOLICENSE_STORE = $StorePath; $args[0] | Test-LicenseKey", key).Single());

        Assert.Equal("Revoked", result.Text("Status"));
        Assert.Contains("refunded", result.Text("Message"));
    }

    [Fact]
    public void IssuingAndListingUseTheDefaultStore()
    {
        using var session = new ModuleSession();
        var listed = RestoringStoreVariable(() => session.Run("""
            $env:INEDOLICENSE_STORE = $StorePath
            $null = New-License -Product ProGet -Customer 'Default Store' -Edition Basic
            Get-License -Customer 'Default Store'
            """));
        Assert.Equal(["Default Store"], listed.Texts("Customer"));
        Assert.Equal(["Default Store"], session.Run("Get-License -StorePath $StorePath").Texts("Customer"));
    }

    /// <summary>The scripts set $env:INEDOLICENSE_STORE as a user would; this puts the old value back.</summary>
    private static T RestoringStoreVariable<T>(Func<T> action)
    {
        var saved = Environment.GetEnvironmentVariable(Variable);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, saved);
        }
    }
}
