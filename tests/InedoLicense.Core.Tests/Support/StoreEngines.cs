using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace InedoLicense.Core.Tests.Support;

/// <summary>The store engines the store test-suite runs against, each test once per engine.</summary>
public enum StoreEngineKind { Sqlite, Postgres }

/// <summary>A theory's SQLite row.</summary>
public sealed class SqliteStoreAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreEngineKind.Sqlite]];
}

/// <summary>
/// A theory's PostgreSQL row: skipped, visibly, where no server is configured (INEDOLICENSE_TEST_POSTGRES, which
/// tests/postgres/test-server.sh start exports and .ci/run sets). xunit 2 has no dynamic skip; a data row's Skip is read here.
/// </summary>
public sealed class PostgresStoreAttribute : DataAttribute
{
    public PostgresStoreAttribute()
    {
        if (TestPostgres.AdminConnectionString is null) Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreEngineKind.Postgres]];
}

/// <summary>A fact that needs the PostgreSQL test server: skipped, visibly, without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.AdminConnectionString is null) Skip = TestPostgres.SkipReason;
    }
}

/// <summary>The PostgreSQL test server: a fresh database per test, dropped afterwards.</summary>
public static class TestPostgres
{
    public const string Variable = "INEDOLICENSE_TEST_POSTGRES";
    public const string SkipReason = "no PostgreSQL server configured: set " + Variable + " (eval \"$(bash tests/postgres/test-server.sh start)\")";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text ? text : null;

    /// <summary>Creates an empty database; returns its name and a connection string for it (the admin's user).</summary>
    public static (string Name, string ConnectionString) CreateDatabase()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = "inedolicense_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return (name, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString);
    }

    public static void DropDatabase(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException) { } // the server is gone (a restart test): the folder goes with it
    }

    /// <summary>Runs SQL on a database directly (to tamper with a store as someone outside the module would).</summary>
    public static object? Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}

/// <summary>An InlineData row for one engine (first argument), the rows that name PostgreSQL skipped, visibly, without a server.</summary>
public sealed class StoreDataAttribute : DataAttribute
{
    private readonly object[] _row;

    public StoreDataAttribute(StoreEngineKind engine, params object[] data)
    {
        _row = [engine, .. data];
        // Any PostgreSQL engine in the row (a copy between engines names two) needs the server.
        if (_row.Contains(StoreEngineKind.Postgres) && TestPostgres.AdminConnectionString is null) Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_row];
}
