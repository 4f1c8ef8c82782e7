using System.Net;
using Npgsql;

namespace InedoLicense.Store;

/// <summary>
/// A PostgreSQL store's location: a URI (postgres://, postgresql://) or an Npgsql key=value connection string
/// (one that names a Host). <see cref="Display"/> is the location with its password removed: what messages,
/// errors and the store's Path show. A password comes from the location, PGPASSWORD, a passfile (PGPASSFILE,
/// Passfile=) or a credential; it is never shown.
/// </summary>
public sealed class PostgresLocation
{
    private static readonly string[] UriSchemes = ["postgres://", "postgresql://"];

    // libpq's URI query parameters and the Npgsql keywords they mean; any other name is tried as an Npgsql keyword.
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host", ["port"] = "Port", ["dbname"] = "Database", ["user"] = "Username", ["password"] = "Password",
        ["passfile"] = "Passfile", ["sslmode"] = "SSL Mode", ["sslrootcert"] = "Root Certificate", ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key", ["application_name"] = "Application Name", ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes", ["options"] = "Options",
    };

    private PostgresLocation(NpgsqlConnectionStringBuilder builder, string display)
    {
        Builder = builder;
        Display = display;
    }

    /// <summary>The connection settings, password included: only for opening a connection.</summary>
    internal NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>The location without its password, as messages name the store.</summary>
    public string Display { get; }

    /// <summary>True for a PostgreSQL URI or a key=value connection string with a Host; anything else is a SQLite file path.</summary>
    public static bool IsPostgres(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return false;
        var text = location.Trim();
        if (UriSchemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))) return true;
        if (!text.Contains('=')) return false;
        foreach (var part in text.Split(';'))
        {
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim() is var key
                && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    /// <summary>The location with any password removed, for any location (a file path comes back as it is).</summary>
    public static string Redact(string location)
    {
        if (!IsPostgres(location)) return location;
        try { return Parse(location).Display; }
        catch (ArgumentException) { return "(a PostgreSQL connection string that cannot be read)"; }
    }

    /// <summary>
    /// Reads a location; <paramref name="credential"/>, when given, supplies the user name and password. Throws
    /// <see cref="ArgumentException"/> for one that cannot be read, with a message that holds no part of it.
    /// </summary>
    public static PostgresLocation Parse(string location, NetworkCredential? credential = null)
    {
        var text = location.Trim();
        NpgsqlConnectionStringBuilder builder;
        string display;
        if (UriSchemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            (builder, display) = FromUri(text);
        else
        {
            builder = new NpgsqlConnectionStringBuilder();
            try { builder.ConnectionString = text; }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException("The PostgreSQL connection string cannot be read: " + WithoutValues(e.Message)
                    + " Give Host=...;Database=...;Username=... or a postgresql://user@host/database URI.");
            }
            var shown = new NpgsqlConnectionStringBuilder { ConnectionString = builder.ConnectionString };
            shown.Remove("Password");
            display = shown.ConnectionString;
        }
        if (credential is not null)
        {
            if (!string.IsNullOrEmpty(credential.UserName))
            {
                builder.Username = credential.UserName;
                if (!display.Contains("://", StringComparison.Ordinal))
                {
                    var shown = new NpgsqlConnectionStringBuilder { ConnectionString = display, Username = credential.UserName };
                    display = shown.ConnectionString;
                }
            }
            builder.Password = credential.Password;
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new ArgumentException("The PostgreSQL connection string names no Host.");
        // The store's connections are short-lived and few; an open pool would keep a restarted server's dead connections.
        builder.ApplicationName ??= "InedoLicense";
        return new PostgresLocation(builder, display);
    }

    private static (NpgsqlConnectionStringBuilder, string) FromUri(string text)
    {
        Uri uri;
        try { uri = new Uri(text); }
        catch (UriFormatException) { throw new ArgumentException("The PostgreSQL URI cannot be read. Give postgresql://user@host:port/database?sslmode=require."); }
        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        if (uri.Host.Length > 0) builder.Host = uri.Host;
        if (!uri.IsDefaultPort && uri.Port > 0) builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        var shownQuery = new List<string>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            var keyword = LibpqNames.GetValueOrDefault(name, name);
            try { builder[keyword] = value; }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
            {
                throw new ArgumentException($"The PostgreSQL URI has a setting Npgsql does not know or cannot take: '{name}'.");
            }
            if (!keyword.Equals("Password", StringComparison.OrdinalIgnoreCase)) shownQuery.Add(pair);
        }
        var user = builder.Username is { } userName ? Uri.EscapeDataString(userName) + "@" : "";
        var port = builder.Port != NpgsqlConnection.DefaultPort ? ":" + builder.Port : "";
        var display = $"{uri.Scheme}://{user}{uri.Host}{port}{uri.AbsolutePath}" + (shownQuery.Count > 0 ? "?" + string.Join('&', shownQuery) : "");
        return (builder, display);
    }

    // Npgsql's parse errors quote the text they could not read; that text may be a password.
    private static string WithoutValues(string message)
    {
        var quote = message.IndexOf('\'');
        return quote < 0 ? message : message[..quote].TrimEnd() + ".";
    }

    public override string ToString() => Display;
}
