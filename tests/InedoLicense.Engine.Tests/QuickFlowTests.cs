namespace InedoLicense.Engine.Tests;

public sealed class QuickFlowTests
{
    [Fact]
    public void IssuedKeyVerifiesValidThenRevoked()
    {
        using var session = new ModuleSession();
        var key = session.Run("New-License -Product ProGet -Customer Contoso -Edition Basic -StorePath $StorePath").Single();
        Assert.Equal("ProGet", key.Properties["Product"].Value);

        var valid = session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single();
        Assert.Equal("Valid", valid.Properties["Status"].Value.ToString());

        session.Run("$args[0] | Revoke-License -Confirm:$false -StorePath $StorePath", key);
        var revoked = session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single();
        Assert.Equal("Revoked", revoked.Properties["Status"].Value.ToString());
    }
}
