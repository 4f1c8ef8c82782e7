using System.Net;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Store;
using Npgsql;

namespace InedoLicense.Core.Tests;

/// <summary>What only the PostgreSQL engine has: its locations (and their passwords), its schema's recognition and migrations.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("postgres://admin@db.example.com/licences", true)]
    [InlineData("postgresql://db.example.com:5433/licences?sslmode=require", true)]
    [InlineData("Host=db.example.com;Database=licences;Username=admin", true)]
    [InlineData("server=db;database=x", true)]
    [InlineData("/home/admin/licenses.db", false)]
    [InlineData("C:\\Users\\admin\\licenses.db", false)]
    [InlineData("licenses=2026.db", false)]
    [InlineData("./postgres/licenses.db", false)]
    public void TheLocationsFormDecidesTheEngine(string location, bool postgres) =>
        Assert.Equal(postgres, PostgresLocation.IsPostgres(location));

    [Theory]
    [InlineData("postgresql://admin:S3cret%21@db.example.com:5433/licences?sslmode=require", "postgresql://admin@db.example.com:5433/licences?sslmode=require")]
    [InlineData("postgres://admin@db.example.com/licences?password=S3cret!&application_name=x", "postgres://admin@db.example.com/licences?application_name=x")]
    [InlineData("Host=db.example.com;Database=licences;Username=admin;Password=S3cret!;SSL Mode=Require", "Host=db.example.com;Database=licences;Username=admin;SSL Mode=Require")]
    [InlineData("postgresql://admin:S3cret!@/licences?host=/var/run/postgresql", "postgresql://admin@/licences?host=/var/run/postgresql")]
    [InlineData("postgresql://admin:S3cret!@[::1]:5433/licences", "postgresql://admin@[::1]:5433/licences")]
    public void ThePasswordNeverShows(string location, string display)
    {
        var parsed = PostgresLocation.Parse(location);
        Assert.Equal(display, parsed.Display);
        Assert.Equal(display, PostgresLocation.Redact(location));
        Assert.DoesNotContain("S3cret", parsed.ToString());
        Assert.StartsWith("S3cret!", parsed.Builder.Password); // but it is used
    }

    [Fact]
    public void ACredentialSuppliesUserAndPasswordWithoutShowingThePassword()
    {
        var parsed = PostgresLocation.Parse("Host=db;Database=licences", new NetworkCredential("alice", "S3cret!"));
        Assert.Equal(("alice", "S3cret!"), (parsed.Builder.Username, parsed.Builder.Password));
        Assert.Equal("Host=db;Database=licences;Username=alice", parsed.Display);
    }

    [Fact]
    public void AConnectionStringThatCannotBeReadDoesNotEchoIt()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresLocation.Parse("Host=db;Password=S3cret!;Frobnicate=S3cret!"));
        Assert.DoesNotContain("S3cret", error.Message);
        Assert.Contains("Host=...", error.Message);
    }

    [PostgresFact]
    public void AnEmptyDatabaseIsNotAStoreUntilACommandWrites()
    {
        var location = _folder.Location(StoreEngineKind.Postgres);
        Assert.Throws<StoreNotFoundException>(() => PostgresStore.Open(location, StoreOpenMode.Existing));
        Assert.Equal(0L, TestPostgres.Execute(location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")); // nothing created
        using (PostgresStore.Open(location, StoreOpenMode.OpenOrCreate)) { }
        using var existing = PostgresStore.Open(location, StoreOpenMode.Existing);
        Assert.Equal(PostgresSchema.Migrations.Length, TestPostgres.Execute(location, "SELECT version FROM inedolicense_schema"));
    }

    [PostgresFact]
    public void ASchemaWithOtherTablesIsRefusedAndLeftAlone()
    {
        var location = _folder.Location(StoreEngineKind.Postgres);
        TestPostgres.Execute(location, "CREATE TABLE orders (id int)");
        var error = Assert.Throws<NotALicenseStoreException>(() => PostgresStore.Open(location, StoreOpenMode.OpenOrCreate));
        Assert.Contains("Search Path", error.Message);
        Assert.Equal(1L, TestPostgres.Execute(location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

        // An empty schema of the same database is a place for the store.
        TestPostgres.Execute(location, "CREATE SCHEMA licensing");
        using var store = PostgresStore.Open(location + ";Search Path=licensing", StoreOpenMode.OpenOrCreate);
        Assert.Equal(1L, TestPostgres.Execute(location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'licensing' AND tablename = 'licenses'"));
    }

    [PostgresFact]
    public void AStoreFromANewerModuleIsRefused()
    {
        var location = _folder.Location(StoreEngineKind.Postgres);
        using (PostgresStore.Open(location, StoreOpenMode.OpenOrCreate)) { }
        TestPostgres.Execute(location, $"UPDATE inedolicense_schema SET version = {PostgresSchema.Migrations.Length + 1}");

        var error = Assert.Throws<InvalidOperationException>(() => PostgresStore.Open(location, StoreOpenMode.Existing));
        Assert.Contains("Update the module", error.Message);
    }

    [PostgresFact]
    public void AUserWithoutRightsGetsAClearErrorAndAUserWithTableRightsCanWork()
    {
        var location = _folder.Location(StoreEngineKind.Postgres);
        var role = "clerk_" + Guid.NewGuid().ToString("N")[..8];
        TestPostgres.Execute(location, $"CREATE ROLE {role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        try
        {
            var asClerk = new NpgsqlConnectionStringBuilder(location) { Username = role }.ConnectionString;
            var error = Assert.Throws<InvalidOperationException>(() => PostgresStore.Open(asClerk, StoreOpenMode.OpenOrCreate));
            Assert.Contains($"The database user {role} may not create", error.Message);

            // Created by an owner; then SELECT, INSERT and UPDATE are all a clerk needs.
            using (PostgresStore.Open(location, StoreOpenMode.OpenOrCreate)) { }
            TestPostgres.Execute(location, $"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}");
            using var store = PostgresStore.Open(asClerk, StoreOpenMode.Existing);
            store.Catalogue.SetSetting("DefaultProduct", "ProGet", StoreFolder.Actor);
            var record = StoreFolder.Record(SamplePayloads.License(DateTimeOffset.UtcNow));
            store.Licenses.AddLicenses(StoreFolder.Batch(record), StoreFolder.Actor);
            Assert.Equal(RevokeOutcome.Revoked, store.Revocations.Revoke(record.Serial, null, StoreFolder.Actor, DateTimeOffset.UtcNow));
            var report = store.Integrity.CheckIntegrity();
            Assert.Equal(("ok", 3L, (long?)null), (report.IntegrityCheck, report.AuditEntries, report.FirstBrokenEntryId));
        }
        finally
        {
            TestPostgres.Execute(location, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }
}
