namespace InedoLicense.KeyFormat;

/// <summary>
/// One field of the payload as <see cref="LicensePayload.Fields"/> defines it: the property, its name in the key
/// format (and in JSON), its DER tag, its type, the store column that holds it, and how to read it from a payload
/// and write it into one. <see cref="PayloadCodec"/>, the store's rows and the integrity check work from this alone.
/// </summary>
public sealed class PayloadField
{
    private readonly Func<LicensePayload, object?> _get;
    private readonly Func<LicensePayload, object?, LicensePayload> _with;
    private readonly Func<LicensePayload, object?> _default;

    internal PayloadField(string name, string specName, int? tag, PayloadFieldType type, string? column,
        Func<LicensePayload, object?> get, Func<LicensePayload, object?, LicensePayload> with, Func<LicensePayload, object?>? defaultValue = null)
    {
        (Name, SpecName, Tag, Type, Column, _get, _with) = (name, specName, tag, type, column, get, with);
        _default = defaultValue ?? (type switch
        {
            PayloadFieldType.TextList => _ => FeatureList.Empty,
            PayloadFieldType.Restrictions => _ => LicenseRestrictions.None,
            _ => _ => null,
        });
    }

    /// <summary>The property of <see cref="LicensePayload"/> (and of the objects that show a key: records, verification results).</summary>
    public string Name { get; }
    /// <summary>The field's name in the key format's ASN.1 module (docs/design/key-format.md) and in JSON.</summary>
    public string SpecName { get; }
    /// <summary>The context-specific DER tag of an optional field; null for the four every key carries first, in order.</summary>
    public int? Tag { get; }
    public PayloadFieldType Type { get; }
    /// <summary>The column of the store's licences table that holds it; null when the store does not keep it (the version).</summary>
    public string? Column { get; }

    /// <summary>The field's value in <paramref name="payload"/>, of the .NET type <see cref="Type"/> names (null when absent).</summary>
    public object? GetValue(LicensePayload payload) => _get(payload);

    /// <summary>A copy of <paramref name="payload"/> with the field set to <paramref name="value"/> (of the .NET type <see cref="Type"/> names).</summary>
    public LicensePayload WithValue(LicensePayload payload, object? value) => _with(payload, value);

    /// <summary>The value a key that leaves the field out carries (null, an empty list, no restrictions; notBefore: issuedAt).</summary>
    public object? DefaultValue(LicensePayload payload) => _default(payload);

    /// <summary>True when <paramref name="value"/> is the default, so an optional field is left out of the key.</summary>
    public bool IsDefault(LicensePayload payload, object? value) => value switch
    {
        null => true,
        IReadOnlyCollection<string> list => list.Count == 0,
        _ => value.Equals(DefaultValue(payload)),
    };

    public override string ToString() => Name;
}
