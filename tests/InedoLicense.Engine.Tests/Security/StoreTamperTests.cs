using System.Management.Automation;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>Test-LicenseStore against rows changed or deleted with the sqlite3 tool.</summary>
public sealed class StoreTamperTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly List<PSObject> _keys;

    /// <summary>Audit ids: 1 CreateAuthority, 2-4 SetProduct (the catalogue, seeded on first use), 5-9 IssueKey, 10 RevokeKey, 11 AddIssuer.</summary>
    public StoreTamperTests()
    {
        _keys = _session.Run("""
            1..5 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "Customer $_"; Edition = 'Basic' } } |
                New-License -ExpiresAt ([DateTimeOffset]::UtcNow.AddDays(30)) -StorePath $StorePath
            """).ToList();
        _session.Run("Revoke-License -Serial $args[0] -Reason refund -Confirm:$false -StorePath $StorePath", Serial(1));
        _session.Run("$null = New-LicenseIssuer -Name second -Role Issuer -StorePath $StorePath");
    }

    private string Serial(int index) => (string)_keys[index].Properties["Serial"].Value;

    private PSObject TestStore() => _session.Run("Test-LicenseStore -StorePath $StorePath").Single();

    private static List<string> Problems(PSObject report) =>
        ((System.Collections.IEnumerable)report.Properties["Problems"].Value).Cast<object>().Select(p => p.ToString()!).ToList();

    private static long? FirstBroken(PSObject report) => (long?)report.Properties["FirstBrokenEntryId"].Value;

    [SqliteCliFact]
    public void UntouchedStoreIsValid()
    {
        var report = TestStore();

        Assert.True((bool)report.Properties["IsValid"].Value, string.Join("; ", Problems(report)));
        Assert.Equal("ok", report.Properties["IntegrityCheck"].Value);
        Assert.Equal(11L, report.Properties["AuditEntries"].Value);
        Assert.Equal(5L, report.Properties["Licenses"].Value);
        Assert.Null(FirstBroken(report));
        // sqlite3 reads the same numbers: the tool sees the store the tests tamper with.
        Assert.Equal("11|5", SqliteCli.Run(_session.StorePath, "SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM licenses);").Trim());
    }

    [SqliteCliFact]
    public void EditedAuditDetailsAreFound()
    {
        SqliteCli.Run(_session.StorePath, "UPDATE audit_log SET details = replace(details, 'Customer 2', 'Somebody Else') WHERE id = 6;");
        var report = TestStore();

        Assert.False((bool)report.Properties["IsValid"].Value);
        Assert.Equal(6L, FirstBroken(report));
        Assert.Contains(Problems(report), p => p.StartsWith("Audit entry 6 ", StringComparison.Ordinal));
    }

    [SqliteCliFact]
    public void DeletedMiddleEntryIsFound()
    {
        SqliteCli.Run(_session.StorePath, "DELETE FROM audit_log WHERE id = 7;");
        var report = TestStore();

        Assert.Equal(7L, FirstBroken(report));
        var problems = Problems(report);
        Assert.Contains(problems, p => p.Contains("Audit entry 7 is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has no IssueKey audit entry", StringComparison.Ordinal)); // its licence lost its record
    }

    [SqliteCliFact]
    public void DeletedLastEntryIsFound()
    {
        SqliteCli.Run(_session.StorePath, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);");
        var report = TestStore();

        Assert.False((bool)report.Properties["IsValid"].Value);
        Assert.Equal(11L, FirstBroken(report));
        Assert.Contains(Problems(report), p => p.Contains("end of the log was cut", StringComparison.Ordinal));
    }

    [SqliteCliFact]
    public void EditedLicenceRowIsFound()
    {
        SqliteCli.Run(_session.StorePath, $"UPDATE licenses SET expires_at = expires_at + 31536000 WHERE serial = '{Serial(3)}';");
        var report = TestStore();

        Assert.False((bool)report.Properties["IsValid"].Value);
        Assert.Contains(Problems(report), p => p.StartsWith($"Licence {Serial(3)}: expires_at is ", StringComparison.Ordinal));
    }

    [SqliteCliFact]
    public void ClearedRevocationIsFound()
    {
        SqliteCli.Run(_session.StorePath, $"UPDATE licenses SET revoked_at = NULL, revocation_reason = NULL WHERE serial = '{Serial(1)}';");
        var report = TestStore();

        Assert.Contains(Problems(report), p => p.Contains($"Licence {Serial(1)} was revoked (audit entry 10)", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingStoreAndBadCheckpointAreErrors()
    {
        var missing = TerminatingError.Of(_session, "Test-LicenseStore -StorePath \"$TestFolder/nowhere.db\"");
        Assert.Equal("StoreNotFound", missing.ErrorId());
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.False(File.Exists(Path.Combine(_session.Folder, "nowhere.db"))); // checking never creates a store

        var checkpoint = TerminatingError.Of(_session, "Test-LicenseStore -StorePath $StorePath -Checkpoint 'abc'");
        Assert.Equal("InvalidCheckpoint", checkpoint.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, checkpoint.CategoryInfo.Category);
    }

    [Fact]
    public void CheckpointFromAnEarlierReportStillMatches()
    {
        var checkpoint = (string)TestStore().Properties["Checkpoint"].Value;
        _session.Run("$null = New-License -Product ProGet -Customer Later -Edition Basic -StorePath $StorePath");
        var report = _session.Run("Test-LicenseStore -StorePath $StorePath -Checkpoint $args[0]", checkpoint).Single();

        Assert.True((bool)report.Properties["IsValid"].Value, string.Join("; ", Problems(report)));
        Assert.StartsWith("12:", (string)report.Properties["Checkpoint"].Value);
    }

    public void Dispose() => _session.Dispose();
}
