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

    // postgresql://[user[:password]@][host][:port][/database][?name=value&...], as libpq reads it; the host may be
    // empty (a Unix socket folder then comes as ?host=/path), and a bracketed IPv6 address keeps its colons.
    private static (NpgsqlConnectionStringBuilder, string) FromUri(string text)
    {
        var scheme = text[..text.IndexOf("://", StringComparison.Ordinal)];
        var rest = text[(scheme.Length + 3)..];
        var query = "";
        if (rest.IndexOf('?') is var q and >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var path = "";
        if (rest.IndexOf('/') is var slash and >= 0) (rest, path) = (rest[..slash], rest[(slash + 1)..]);
        var builder = new NpgsqlConnectionStringBuilder();
        string? userShown = null;
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            builder.Username = userShown = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        var hostPart = rest;
        var portColon = hostPart.StartsWith('[') ? hostPart.IndexOf("]:", StringComparison.Ordinal) is var b and >= 0 ? b + 1 : -1 : hostPart.LastIndexOf(':');
        if (portColon >= 0)
        {
            if (!int.TryParse(hostPart[(portColon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
                throw new ArgumentException("The PostgreSQL URI's port is not a number. Give postgresql://user@host:port/database.");
            builder.Port = port;
            hostPart = hostPart[..portColon];
        }
        if (hostPart.Length > 0) builder.Host = Uri.UnescapeDataString(hostPart.Trim('[', ']'));
        if (path.Length > 0) builder.Database = Uri.UnescapeDataString(path);
        var shownQuery = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
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
        var user = userShown is null ? "" : Uri.EscapeDataString(userShown) + "@";
        var display = $"{scheme}://{user}{rest}" + (path.Length > 0 ? "/" + path : "") + (shownQuery.Count > 0 ? "?" + string.Join('&', shownQuery) : "");
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
