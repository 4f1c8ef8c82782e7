using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

public sealed class RevokeLicenseTests
{
    private static PSObject Stored(ModuleSession session, PSObject key) =>
        session.Run("Get-License -Serial $args[0].Serial -StorePath $StorePath", key).Single();

    [Fact]
    public void WithoutConfirmationInANonInteractiveRunspaceNothingIsRevoked()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First");
        var second = session.IssueKey("Second");
        Assert.Equal("High", session.Run("$ConfirmPreference").Single().ToString());

        // ConfirmImpact High meets $ConfirmPreference High, so the engine asks; a runspace without a host
        // cannot, and ShouldProcess ends the command with the engine's own error before anything changes.
        var error = session.RunExpectingFailure("$args[0], $args[1] | Revoke-License -StorePath $StorePath", first, second);

        ErrorAssert.Is(error, "HostFunctionNotImplemented", ErrorCategory.NotImplemented);
        Assert.IsType<System.Management.Automation.Host.HostException>(error.Exception);
        Assert.Equal("Active", Stored(session, first).Text("Status"));
        Assert.Equal("Active", Stored(session, second).Text("Status"));
    }

    [Fact]
    public void WithConfirmPreferenceNoneItRevokesWithoutAsking()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        session.Run("$ConfirmPreference = 'None'; $args[0] | Revoke-License -StorePath $StorePath", key);
        Assert.Equal("Revoked", Stored(session, key).Text("Status"));
    }

    [Fact]
    public void WhatIfDoesNotRevoke()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        Assert.Empty(session.Run("$args[0] | Revoke-License -WhatIf -PassThru -StorePath $StorePath", key));
        Assert.Equal("Active", Stored(session, key).Text("Status"));
        Assert.Equal("Valid", session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single().Text("Status"));
    }

    [Fact]
    public void TheReasonIsRecordedAndShownByTestLicenseKey()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        session.Run("Revoke-License -Serial $args[0].Serial -Reason 'Chargeback 4711' -Confirm:$false -StorePath $StorePath", key);

        var stored = Stored(session, key);
        Assert.Equal("Revoked", stored.Text("Status"));
        Assert.Equal("Chargeback 4711", stored.Text("RevocationReason"));
        Assert.InRange((DateTimeOffset)stored.Value("RevokedAt")!, before, DateTimeOffset.UtcNow.AddSeconds(1));

        var verified = session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single();
        Assert.Equal("Revoked", verified.Text("Status"));
        Assert.Contains("Chargeback 4711", verified.Text("Message"));
    }

    [Fact]
    public void RevokingAgainWarnsAndChangesNothing()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        session.Run("$args[0] | Revoke-License -Reason first -Confirm:$false -StorePath $StorePath", key);
        var revokedAt = Stored(session, key).Value("RevokedAt");

        var again = session.Invoke("$args[0] | Revoke-License -Reason second -Confirm:$false -StorePath $StorePath", key);

        Assert.Empty(again.Errors);
        Assert.Empty(again.Output);
        var warning = Assert.Single(again.Warnings);
        Assert.Contains(key.Text("Serial")!, warning);
        var stored = Stored(session, key);
        Assert.Equal("first", stored.Text("RevocationReason"));
        Assert.Equal(revokedAt, stored.Value("RevokedAt"));
    }

    [Fact]
    public void PassThruOutputsTheRevokedRecords()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First");
        var second = session.IssueKey("Second");

        var output = session.Run("$args[0], $args[1] | Revoke-License -Reason gone -PassThru -Confirm:$false -StorePath $StorePath", first, second);

        Assert.Equal([first.Text("Serial"), second.Text("Serial")], output.Texts("Serial"));
        Assert.All(output, r => Assert.Equal("Revoked", r.Text("Status")));
        Assert.All(output, r => Assert.Equal("gone", r.Text("RevocationReason")));
        Assert.Empty(session.Run("$args[0] | Revoke-License -Confirm:$false -StorePath $StorePath", first.Text("Serial")));
    }

    [Fact]
    public void UnknownAndInvalidSerialsAreNonTerminatingErrors()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        const string Unknown = "0123456789ABCDEF";

        var (_, errors) = session.Invoke("'bogus', $args[0], $args[1] | Revoke-License -Confirm:$false -StorePath $StorePath", Unknown, key.Text("Serial"));

        Assert.Equal(2, errors.Count);
        ErrorAssert.Is(errors[0], "InvalidSerial", ErrorCategory.InvalidArgument, "bogus");
        ErrorAssert.Is(errors[1], "LicenseNotFound", ErrorCategory.ObjectNotFound, Unknown);
        Assert.Equal("Revoked", Stored(session, key).Text("Status"));
    }

    [Fact]
    public void AReasonWithALineBreakIsRefusedBeforeAnythingChanges()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();

        var error = session.RunExpectingFailure("Revoke-License -Serial $args[0].Serial -Reason \"refund`nIssueKey forged\" -Confirm:$false -StorePath $StorePath", key);

        Assert.Equal("ParameterArgumentValidationError", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("Active", Stored(session, key).Text("Status"));
    }
}
