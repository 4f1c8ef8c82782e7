using System.Management.Automation;

namespace InedoLicense.Engine.Tests.Security;

public sealed class RevocationListCmdletTests : IDisposable
{
    private readonly ModuleSession _session = new();

    private string ListPath => Path.Combine(_session.Folder, "revoked.pem");

    /// <summary>
    /// A store with nothing in it: what an offline agent has (or none at all). Made here, since verifying
    /// never creates a store: Test-LicenseKey -StorePath must name one that exists.
    /// </summary>
    private string AgentStore
    {
        get
        {
            var path = Path.Combine(_session.Folder, "agent", "empty.db");
            if (!File.Exists(path)) InedoLicense.Store.LicenseStore.Open(path, InedoLicense.Store.StoreOpenMode.OpenOrCreate).Dispose();
            return path;
        }
    }

    private List<PSObject> IssueThreeRevokeFirst()
    {
        var keys = _session.Run("""
            1..3 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "Customer $_"; Edition = 'Basic' } } | New-License -StorePath $StorePath
            """).ToList();
        _session.Run("Revoke-License -Serial $args[0] -Reason chargeback -Confirm:$false -StorePath $StorePath", keys[0].Properties["Serial"].Value);
        return keys;
    }

    [Fact]
    public void ExportedListRevokesKeysWhereThereIsNoStore()
    {
        var keys = IssueThreeRevokeFirst();
        var file = _session.Run("Export-LicenseRevocationList -Path $args[0] -StorePath $StorePath", ListPath).Single();
        Assert.Equal(1, file.Properties["Count"].Value);
        var nextUpdate = (DateTimeOffset)file.Properties["NextUpdate"].Value;
        Assert.InRange(nextUpdate - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7)); // the default lifetime
        Assert.StartsWith("-----BEGIN INEDO LICENSE REVOCATION LIST-----", File.ReadAllText(ListPath));

        const string verify = "$args[0] | Test-LicenseKey -TrustBundle $args[1] -StorePath $args[2]";
        var withoutList = _session.Run(verify, keys, _session.TrustBundlePath, AgentStore);
        Assert.All(withoutList, r => Assert.Equal("Valid", r.Properties["Status"].Value.ToString()));

        var withList = _session.Run(verify + " -RevocationList $args[3]", keys, _session.TrustBundlePath, AgentStore, ListPath);
        Assert.Equal(["Revoked", "Valid", "Valid"], withList.Select(r => r.Properties["Status"].Value.ToString()));
        Assert.Contains("chargeback", (string)withList[0].Properties["Message"].Value);

        // The export is audited, and the store still checks out.
        Assert.True((bool)_session.Run("Test-LicenseStore -StorePath $StorePath").Single().Properties["IsValid"].Value);
    }

    [Fact]
    public void ListSignedByAnotherAuthorityIsRefused()
    {
        var keys = IssueThreeRevokeFirst();
        _session.Run("""
            $other = "$TestFolder/other/licenses.db"
            $null = New-LicenseAuthority -StorePath $other
            $null = Export-LicenseRevocationList -Path $args[0] -StorePath $other
            """, ListPath);

        var error = TerminatingError.Of(_session, "$args[0] | Test-LicenseKey -TrustBundle $args[1] -RevocationList $args[2]",
            keys[1], _session.TrustBundlePath, ListPath);

        Assert.Equal("InvalidRevocationList", error.ErrorId());
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Equal(ListPath, error.TargetObject);
        Assert.Contains("not signed by the authority", error.Exception.Message);
    }

    [Fact]
    public void SuperAdminCertificateMayNotSignAList()
    {
        IssueThreeRevokeFirst();
        var error = TerminatingError.Of(_session, "Export-LicenseRevocationList -Path $args[0] -StorePath $StorePath -CertificatePath $args[1]",
            ListPath, Path.Combine(_session.AuthorityPath, "issuers", "superadmin.pfx"));

        Assert.Equal("IssuerNotAuthorizedForRevocationList", error.ErrorId());
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.False(File.Exists(ListPath));
    }

    [Fact]
    public void ListPastItsNextUpdateIsRefused()
    {
        var keys = IssueThreeRevokeFirst();
        var file = _session.Run("Export-LicenseRevocationList -Path $args[0] -NextUpdate ([TimeSpan]::FromHours(1)) -StorePath $StorePath", ListPath).Single();
        Assert.InRange((DateTimeOffset)file.Properties["NextUpdate"].Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));

        var inTime = _session.Run("$args[0] | Test-LicenseKey -TrustBundle $args[1] -RevocationList $args[2] -At ([DateTimeOffset]::UtcNow.AddMinutes(30))",
            keys[0], _session.TrustBundlePath, ListPath).Single();
        Assert.Equal("Revoked", inTime.Properties["Status"].Value.ToString());

        var error = TerminatingError.Of(_session, "$args[0] | Test-LicenseKey -TrustBundle $args[1] -RevocationList $args[2] -At ([DateTimeOffset]::UtcNow.AddHours(2))",
            keys[0], _session.TrustBundlePath, ListPath);
        Assert.Equal("RevocationListExpired", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    [Fact]
    public void ChangedListIsRefused()
    {
        var keys = IssueThreeRevokeFirst();
        _session.Run("$null = Export-LicenseRevocationList -Path $args[0] -StorePath $StorePath", ListPath);
        var lines = File.ReadAllLines(ListPath);
        var body = lines[2].ToCharArray(); // a line inside the base64 body
        body[10] = body[10] == 'A' ? 'B' : 'A';
        lines[2] = new string(body);
        File.WriteAllLines(ListPath, lines);

        var error = TerminatingError.Of(_session, "$args[0] | Test-LicenseKey -TrustBundle $args[1] -RevocationList $args[2]",
            keys[0], _session.TrustBundlePath, ListPath);
        Assert.Equal("InvalidRevocationList", error.ErrorId());
    }

    [Fact]
    public void MissingListAndPastNextUpdateAreClearErrors()
    {
        var missing = TerminatingError.Of(_session, "'ILK1.x' | Test-LicenseKey -TrustBundle $args[0] -RevocationList $args[1]",
            _session.TrustBundlePath, ListPath);
        Assert.Equal("RevocationListNotFound", missing.ErrorId());
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);

        var past = TerminatingError.Of(_session, "Export-LicenseRevocationList -Path $args[0] -NextUpdate ([DateTimeOffset]::UtcNow.AddDays(-1)) -StorePath $StorePath", ListPath);
        Assert.Equal("InvalidNextUpdate", past.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, past.CategoryInfo.Category);
        Assert.False(File.Exists(ListPath));
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        IssueThreeRevokeFirst();
        var before = _session.Run("Test-LicenseStore -StorePath $StorePath").Single().Properties["AuditEntries"].Value;
        _session.Run("Export-LicenseRevocationList -Path $args[0] -StorePath $StorePath -WhatIf", ListPath);

        Assert.False(File.Exists(ListPath));
        Assert.Equal(before, _session.Run("Test-LicenseStore -StorePath $StorePath").Single().Properties["AuditEntries"].Value);
    }

    public void Dispose() => _session.Dispose();
}
