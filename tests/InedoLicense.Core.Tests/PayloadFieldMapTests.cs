using System.Reflection;
using InedoLicense.Core.Tests.Security;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Verification;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests;

/// <summary>
/// The field map (<see cref="LicensePayload.Fields"/>) against everything that carries a payload: each test fills
/// every field from the map by its type, so a field added to the map is covered here without a change.
/// </summary>
public sealed class PayloadFieldMapTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryAuthority _authority = new();
    private readonly StoreFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
        _authority.Dispose();
    }

    /// <summary>
    /// A licence with every field of the map set to a value of its type (times a day apart, in map order); serials
    /// but its own are <paramref name="other"/> (a licence the store holds: renewal_of references one).
    /// </summary>
    private static LicensePayload EveryField(DateTimeOffset now, string other)
    {
        var payload = new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = LicenseKind.License, IssuedAt = now, NotBefore = now };
        var days = 0;
        foreach (var field in LicensePayload.Fields)
            payload = field.WithValue(payload, field.Type switch
            {
                PayloadFieldType.Version => LicensePayload.CurrentVersion,
                PayloadFieldType.Serial => field.Name == "Serial" ? LicenseSerial.NewSerial() : other,
                PayloadFieldType.Kind => LicenseKind.License,
                PayloadFieldType.Time => now.AddDays(days++),
                PayloadFieldType.Text => field.Name + " value",
                PayloadFieldType.TextList => new[] { field.Name, "Servers=10" },
                PayloadFieldType.MacId => SamplePayloads.MacId,
                PayloadFieldType.Restrictions => LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
                _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "a field type this test cannot fill"),
            });
        return payload;
    }

    private static void AssertSameFields(LicensePayload expected, LicensePayload actual)
    {
        foreach (var field in LicensePayload.Fields)
            Assert.True(Equals(Plain(field.GetValue(expected)), Plain(field.GetValue(actual))),
                $"{field.Name}: {Plain(field.GetValue(expected))} was written, {Plain(field.GetValue(actual))} read back");
    }

    private static object? Plain(object? value) => value is IReadOnlyList<string> list ? string.Join("|", list) : value;

    [Fact]
    public void EveryPropertyOfThePayloadIsInTheMapOnce()
    {
        var properties = typeof(LicensePayload).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order();
        Assert.Equal(properties, LicensePayload.Fields.Select(f => f.Name).Order());
        Assert.Equal(LicensePayload.Fields.Count, LicensePayload.Fields.Select(f => f.SpecName).Distinct().Count());
        Assert.Equal(LicensePayload.Fields.Count(f => f.Column is not null), LicensePayload.Fields.Where(f => f.Column is not null).Select(f => f.Column).Distinct().Count());
        // The fixed fields first; then the optional ones in the order of their tags, as DER requires.
        var tags = LicensePayload.Fields.SkipWhile(f => f.Tag is null).Select(f => f.Tag).ToList();
        Assert.All(tags, tag => Assert.NotNull(tag));
        Assert.Equal(tags.Order(), tags);
        Assert.Equal(tags.Count, tags.Distinct().Count());
    }

    [Fact]
    public void EveryStoredFieldHasItsColumnInTheStore()
    {
        using (_folder.Open()) { }
        using var connection = new SqliteConnection($"Data Source={_folder.StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('licenses')";
        var columns = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) columns.Add(reader.GetString(0));

        Assert.All(LicensePayload.Fields.Where(f => f.Column is not null), f => Assert.Contains(f.Column!, columns));
    }

    [Fact]
    public void EveryFieldRoundTripsThroughTheCodecAndTheStore()
    {
        var other = StoreFolder.Record(SamplePayloads.License(Now));
        var payload = EveryField(Now, other.Serial);
        AssertSameFields(payload, PayloadCodec.Decode(PayloadCodec.Encode(payload)));

        using var store = _folder.Open();
        var record = StoreFolder.Record(payload);
        store.Licenses.AddLicenses(StoreFolder.Batch(other, record), StoreFolder.Actor);
        var read = store.Licenses.Find(payload.Serial)!;

        AssertSameFields(payload, read.Payload);
        Assert.Equal(record, read);
    }

    [Fact]
    public void TheOutputObjectsShowThePayloadsFields()
    {
        var payload = EveryField(_authority.Now, LicenseSerial.NewSerial());
        var key = KeyText.Encode(_authority.Issuer.Sign(payload));
        var outputs = new object[]
        {
            LicenseRecord.FromPayload(payload, key, _authority.Issuer.Thumbprint),
            new LicenseVerifier(_authority.Trust).Verify(key, new VerificationContext { At = _authority.Now.AddDays(1.5) }),
            DecodedLicenseKey.Decode(key),
        };
        foreach (var output in outputs)
        {
            var shown = 0;
            foreach (var field in LicensePayload.Fields)
            {
                if (output.GetType().GetProperty(field.Name) is not { } property) continue;
                shown++;
                Assert.True(Equals(Plain(field.GetValue(payload)), Plain(property.GetValue(output))), $"{output.GetType().Name}.{field.Name}");
            }
            Assert.True(shown >= 15, $"{output.GetType().Name} shows {shown} payload fields");
        }
    }

    [Fact]
    public void TheIntegrityCheckComparesEveryStoredFieldWithTheSignedKey()
    {
        var stored = LicenseRows.PayloadColumns;
        var records = new List<LicenseRecord>();
        LicenseRecord Signed(LicensePayload payload) =>
            LicenseRecord.FromPayload(payload, KeyText.Encode(_authority.Issuer.Sign(payload)), _authority.Issuer.Thumbprint);
        var others = stored.Select(_ => Signed(_authority.License())).ToList(); // one renewed licence each
        using (var store = _folder.Open())
        {
            records.AddRange(others.Select(other => Signed(EveryField(_authority.Now, other.Serial))));
            store.Licenses.AddLicenses([.. others.Concat(records).Select(r => (r, (string?)null))], new AuditActor("tester", _authority.Issuer.Thumbprint));
            var before = store.Integrity.CheckIntegrity();
            Assert.True(before.IsValid, string.Join(Environment.NewLine, before.Problems));
        }

        // Row i gets field i changed behind the module's back.
        using (var connection = new SqliteConnection($"Data Source={_folder.StorePath};Pooling=False"))
        {
            connection.Open();
            for (var i = 0; i < stored.Length; i++)
            {
                using var command = connection.CreateCommand();
                var column = stored[i].Column;
                command.CommandText = stored[i].Type is PayloadFieldType.Time or PayloadFieldType.Restrictions
                    ? $"UPDATE licenses SET {column} = {column} + 1 WHERE key_text = @key"
                    : $"UPDATE licenses SET {column} = 'tampered' WHERE key_text = @key";
                command.Parameters.AddWithValue("@key", records[i].Key);
                Assert.Equal(1, command.ExecuteNonQuery());
            }
        }

        using var reopened = _folder.Open();
        var problems = reopened.Integrity.CheckIntegrity().Problems;
        for (var i = 0; i < stored.Length; i++)
        {
            var serial = i == 0 ? "tampered" : records[i].Serial; // row 0's serial is the changed field
            Assert.Contains(problems, p => p.StartsWith($"Licence {serial}: {stored[i].Column} is ", StringComparison.Ordinal));
        }
    }
}
