using System.Management.Automation;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests;

public sealed class TemporaryOrgTtlPolicyTests
{
    private const string PolicySetting = "TemporaryOrganization.AllowedTtls";

    private static List<string> Policy(ModuleSession session) =>
        session.Run("Get-LicenseTtlPolicy -StorePath $StorePath").Select(o => (string)o.Properties["Ttl"].Value).ToList();

    private static List<string> Completions(ModuleSession session, string typed)
    {
        var input = $"New-TemporaryOrgLicense -StorePath '{session.StorePath}' -OrganizationId ORG-1 -Ttl {typed}";
        return session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object { $_.CompletionText }", input)
            .Select(o => (string)o.BaseObject).ToList();
    }

    [Fact]
    public void TtlOutsideThePolicyIsRefusedWithTheAllowedValues()
    {
        using var session = new ModuleSession();
        foreach (var ttl in new[] { "2h", "90m", "forever", "1h30m" })
        {
            var (output, errors) = session.Invoke("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl $args[0] -StorePath $StorePath", ttl);
            Assert.Empty(output);
            var error = Assert.Single(errors);
            Assert.Equal("TtlNotAllowed,InedoLicense.Cmdlets.Commands.NewTemporaryOrgLicenseCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(ttl, error.TargetObject);
            Assert.Contains("1h, 4h, 8h, 1d, 3d, 7d", error.Exception.Message);
        }
        Assert.Empty(session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));
    }

    [Fact]
    public void EveryDefaultTtlIssuesAKeyThatLivesThatLong()
    {
        using var session = new ModuleSession();
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], Policy(session));
        var keys = session.Run("Get-LicenseTtlPolicy -StorePath $StorePath | ForEach-Object { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl $_.Ttl -StorePath $StorePath }");
        Assert.Equal([1, 4, 8, 24, 72, 168], keys.Select(k =>
            ((DateTimeOffset)k.Properties["ExpiresAt"].Value - (DateTimeOffset)k.Properties["IssuedAt"].Value).TotalHours));
    }

    [Fact]
    public void ChangedPolicyIsHonouredAndAudited()
    {
        using var session = new ModuleSession();
        Assert.Empty(session.Run("Set-LicenseTtlPolicy -Ttl 12h, 30m -StorePath $StorePath"));
        Assert.Equal(["30m", "12h"], Policy(session));

        var refused = session.Invoke("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 4h -StorePath $StorePath").Errors.Single();
        Assert.Equal("TtlNotAllowed", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("30m, 12h", refused.Exception.Message);

        // 720m is 12h: the policy allows durations, whatever the spelling.
        var keys = session.Run("'12h', '720m', '30M' | ForEach-Object { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl $_ -StorePath $StorePath }");
        Assert.Equal([720, 720, 30], keys.Select(k =>
            ((DateTimeOffset)k.Properties["ExpiresAt"].Value - (DateTimeOffset)k.Properties["IssuedAt"].Value).TotalMinutes));

        using var store = LicenseStore.Open(session.StorePath);
        var change = store.AuditLog.ReadAuditLog(PolicySetting).Last();
        Assert.Equal(AuditActions.ChangeSetting, change.Action);
        Assert.Equal("30m,12h", change.Details);
        Assert.Equal(Environment.UserName, change.OsUser.Split('\\').Last());
        Assert.Contains(store.AuditLog.ReadAuditLog(), e => e.Action == AuditActions.IssueKey && e.Details!.Contains("ttl=12h", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIfInvalidValuesAndDefault()
    {
        using var session = new ModuleSession();
        session.Run("Set-LicenseTtlPolicy -Ttl 2h -WhatIf -StorePath $StorePath");
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], Policy(session));

        var (_, errors) = session.Invoke("Set-LicenseTtlPolicy -Ttl 2h, 45d -StorePath $StorePath");
        var error = Assert.Single(errors);
        Assert.Equal("InvalidTtl,InedoLicense.Cmdlets.Commands.SetLicenseTtlPolicyCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("45d", error.TargetObject);
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], Policy(session));

        // Unquoted 1d in a list reaches the cmdlet as the decimal 1 and is read back as one day.
        var passedThrough = session.Run("Set-LicenseTtlPolicy -Ttl 2h, 1d, 24h -PassThru -StorePath $StorePath");
        Assert.Equal(["2h", "1d"], passedThrough.Select(o => (string)o.Properties["Ttl"].Value));
        session.Run("Set-LicenseTtlPolicy -Default -StorePath $StorePath");
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], Policy(session));
    }

    [Fact]
    public void AnUnreadableStoredPolicyStopsIssuingWithAClearError()
    {
        using var session = new ModuleSession();
        using (var store = LicenseStore.Open(session.StorePath))
            store.Catalogue.SetSetting(PolicySetting, "1h,forever", AuditActor.CurrentUser());
        var error = session.Invoke("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -StorePath $StorePath").Errors.Single();
        Assert.Equal("TtlPolicyUnreadable", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.StartsWith("The TTL policy in the store ('1h,forever') is unreadable: ", error.Exception.Message);
        Assert.EndsWith(" Set it again with Set-LicenseTtlPolicy.", error.Exception.Message);
        Assert.Equal("TtlPolicyUnreadable", session.Invoke("Get-LicenseTtlPolicy -StorePath $StorePath").Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));
    }

    [Fact]
    public void TabCompletionOffersThePolicysValues()
    {
        using var session = new ModuleSession();
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], Completions(session, ""));
        Assert.Equal(["1h", "1d"], Completions(session, "1"));
        session.Run("Set-LicenseTtlPolicy -Ttl 30m, 2h, 2d -StorePath $StorePath");
        Assert.Equal(["30m", "2h", "2d"], Completions(session, ""));
        Assert.Equal(["2h", "2d"], Completions(session, "2"));
        Assert.Equal(["2h", "2d"], Completions(session, "'2"));
        Assert.Empty(Completions(session, "9"));
    }

    [Fact]
    public void CompletionAndGetLicenseTtlPolicyNeverCreateAStore()
    {
        using var session = new ModuleSession(createAuthority: false);
        var missing = Path.Combine(session.Folder, "not-yet", "licenses.db");
        var input = $"New-TemporaryOrgLicense -StorePath '{missing}' -Ttl ";
        var offered = session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object { $_.CompletionText }", input);
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], offered.Select(o => (string)o.BaseObject));
        Assert.False(File.Exists(missing));
        Assert.Equal(6, session.Run("Get-LicenseTtlPolicy -StorePath $args[0]", missing).Count);
        Assert.False(File.Exists(missing));
    }
}
