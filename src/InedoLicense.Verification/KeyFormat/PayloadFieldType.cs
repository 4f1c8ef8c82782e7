namespace InedoLicense.KeyFormat;

/// <summary>
/// How a payload field's value is carried: its .NET type on <see cref="LicensePayload"/>, its DER encoding in a key
/// (docs/design/key-format.md §3) and its value in a store column. The codec and the store convert by this alone.
/// </summary>
public enum PayloadFieldType
{
    /// <summary>The payload version (<see cref="int"/>). DER INTEGER; not stored.</summary>
    Version,
    /// <summary>A serial, 16 upper-case hex digits (<see cref="string"/>). DER OCTET STRING of 8 bytes; stored as text.</summary>
    Serial,
    /// <summary>The <see cref="LicenseKind"/>. DER ENUMERATED; stored as its name.</summary>
    Kind,
    /// <summary>A moment in whole seconds, UTC (<see cref="DateTimeOffset"/>). DER INTEGER of seconds since 1970; stored as that integer.</summary>
    Time,
    /// <summary>Text (<see cref="string"/>). DER UTF8String; stored as text.</summary>
    Text,
    /// <summary>A list of text (<see cref="IReadOnlyList{T}"/> of <see cref="string"/>). DER SEQUENCE OF UTF8String; stored as the entries joined by line feeds.</summary>
    TextList,
    /// <summary>A MAC address in canonical form (<see cref="string"/>). DER OCTET STRING of 6 bytes; stored as text.</summary>
    MacId,
    /// <summary>The <see cref="LicenseRestrictions"/> bit flags. DER INTEGER; stored as an integer.</summary>
    Restrictions,
}
