using System.Data.Common;

namespace InedoLicense.Store;

/// <summary>What the engine-neutral integrity check (<see cref="StoreIntegrityCheck"/>) needs of an SQL engine.</summary>
internal interface ISqlStore
{
    string Path { get; }
    SqlDialect Dialect { get; }
    IAuditLog AuditLog { get; }

    /// <summary>A command; positional values bind to p0, p1, ... in the dialect's form.</summary>
    DbCommand Command(string sql, params object?[] positional);
    object? Scalar(string sql, params object?[] positional);

    /// <summary>A read transaction: one snapshot for every statement until it is disposed.</summary>
    IDisposable BeginSnapshot();

    /// <summary>The engine's own check: ["ok"], or one line per problem.</summary>
    IReadOnlyList<string> EngineCheck();

    /// <summary>Rows stored against an <see cref="IssuanceRule"/>, one line each.</summary>
    IEnumerable<string> RuleViolations();
}

/// <summary>What differs between the engines where the integrity check's statements are otherwise the same.</summary>
internal sealed record SqlDialect(string CheckName, string RowOrder)
{
    public static readonly SqlDialect Sqlite = new("SQLite integrity_check", "rowid");
    public static readonly SqlDialect Postgres = new("PostgreSQL schema check", "seq");
}
