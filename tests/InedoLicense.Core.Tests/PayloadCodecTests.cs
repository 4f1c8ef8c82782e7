using System.Formats.Asn1;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class PayloadCodecTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

    public static TheoryData<LicenseKind> Kinds => [.. Enum.GetValues<LicenseKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryFieldOfEveryKindSurvivesTheRoundTrip(LicenseKind kind)
    {
        var payload = SamplePayloads.WithEveryField(kind, Now);

        var decoded = PayloadCodec.Decode(PayloadCodec.Encode(payload));

        AssertSamePayload(payload, decoded);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheSamplePayloadOfEachKindSurvivesTheRoundTrip(LicenseKind kind)
    {
        var payload = SamplePayloads.For(kind, Now);

        var der = PayloadCodec.Encode(payload);
        var decoded = PayloadCodec.Decode(der);

        AssertSamePayload(payload, decoded);
        Assert.Equal(der, PayloadCodec.Encode(decoded)); // DER: one encoding per value
    }

    [Fact]
    public void AMinimalPayloadDecodesWithAbsentFieldsNullAndNotBeforeEqualToIssuedAt()
    {
        // The least a key can carry: a License's required product, customer and edition (§3.2).
        var payload = new LicensePayload
        {
            Serial = "0123456789ABCDEF", Kind = LicenseKind.License, IssuedAt = Now, NotBefore = Now,
            Product = "ProGet", Customer = "Contoso", Edition = "Free",
        };

        var decoded = PayloadCodec.Decode(PayloadCodec.Encode(payload));

        AssertSamePayload(payload, decoded);
        Assert.Equal(Now, decoded.NotBefore);
        Assert.Null(decoded.ExpiresAt);
        Assert.Null(decoded.OrganizationId);
        Assert.Null(decoded.MacId);
        Assert.Empty(decoded.Features);
        Assert.Equal(LicenseRestrictions.None, decoded.Restrictions);
    }

    [Theory]
    [InlineData(LicenseRestrictions.None)]
    [InlineData(LicenseRestrictions.DataConfigurationSavingDisabled)]
    [InlineData(LicenseRestrictions.NoFeedLoginDetails)]
    [InlineData(LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails)]
    public void EachCombinationOfKnownRestrictionsRoundTrips(LicenseRestrictions restrictions)
    {
        var payload = SamplePayloads.TemporaryOrganization(Now) with { Restrictions = restrictions };
        Assert.Equal(restrictions, PayloadCodec.Decode(PayloadCodec.Encode(payload)).Restrictions);
    }

    [Fact]
    public void AnUnknownTrailingFieldIsMalformed()
    {
        var der = AppendField(PayloadCodec.Encode(SamplePayloads.License(Now)),
            w => w.WriteInteger(1, new Asn1Tag(TagClass.ContextSpecific, LicensePayload.Fields.Max(f => f.Tag ?? 0) + 1))); // the first tag no field has

        AssertRefused(der, LicenseStatus.Malformed);
    }

    [Fact]
    public void BytesAfterThePayloadAreMalformed() =>
        AssertRefused([.. PayloadCodec.Encode(SamplePayloads.License(Now)), 0x05, 0x00], LicenseStatus.Malformed);

    [Fact]
    public void FieldsOutOfOrderAreMalformed()
    {
        // Product [3] written before Customer [2]: a strict reader must not accept both orders.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(Convert.FromHexString("0123456789ABCDEF"));
            writer.WriteEnumeratedValue(LicenseKind.License);
            writer.WriteInteger(Now.ToUnixTimeSeconds());
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "ProGet", new Asn1Tag(TagClass.ContextSpecific, 3));
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "Contoso", new Asn1Tag(TagClass.ContextSpecific, 2));
        }
        AssertRefused(writer.Encode(), LicenseStatus.Malformed);
    }

    [Fact]
    public void ANonMinimalLengthIsNotDerAndIsMalformed()
    {
        var der = PayloadCodec.Encode(SamplePayloads.Agent(Now));
        Assert.True(der[1] < 0x80, "the sample is short enough for a one-byte length");
        byte[] longForm = [der[0], 0x81, .. der.AsSpan(1)]; // same length written in the long form: valid BER, not DER

        AssertRefused(longForm, LicenseStatus.Malformed);
    }

    [Fact]
    public void Version2IsUnsupportedVersionNotMalformed()
    {
        var der = PayloadCodec.Encode(SamplePayloads.License(Now) with { Version = 2 });

        var error = AssertRefused(der, LicenseStatus.UnsupportedVersion);
        Assert.Contains("version 2", error.Message);
    }

    [Fact]
    public void Version2WithFieldsThisVerifierDoesNotKnowIsStillUnsupportedVersion()
    {
        var der = AppendField(PayloadCodec.Encode(SamplePayloads.License(Now) with { Version = 2 }),
            w => w.WriteCharacterString(UniversalTagNumber.UTF8String, "new in v2", new Asn1Tag(TagClass.ContextSpecific, 20)));

        AssertRefused(der, LicenseStatus.UnsupportedVersion);
    }

    [Theory]
    [InlineData("01234567890ABC")]       // 7 bytes
    [InlineData("0123456789ABCDEF01")]   // 9 bytes
    [InlineData("")]
    public void ASerialOfTheWrongLengthIsMalformed(string serialHex)
    {
        var error = AssertRefused(PayloadCodec.Encode(SamplePayloads.License(Now) with { Serial = serialHex }), LicenseStatus.Malformed);
        Assert.Contains("serial", error.Message);
    }

    [Fact]
    public void ARenewedSerialOfTheWrongLengthIsMalformed() =>
        AssertRefused(PayloadCodec.Encode(SamplePayloads.Stopgap(Now) with { RenewalOf = "0123" }), LicenseStatus.Malformed);

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(0x100)]
    public void UnknownRestrictionBitsAreMalformed(int flags)
    {
        var der = PayloadCodec.Encode(SamplePayloads.TemporaryOrganization(Now) with { Restrictions = (LicenseRestrictions)flags });

        var error = AssertRefused(der, LicenseStatus.Malformed);
        Assert.Contains("restrictions", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void AnUnknownKindIsMalformed(int kind) =>
        AssertRefused(PayloadCodec.Encode(SamplePayloads.License(Now) with { Kind = (LicenseKind)kind }), LicenseStatus.Malformed);

    [Fact]
    public void AMacIdOfTheWrongLengthIsMalformed()
    {
        var der = AppendField(MinimalPrefix(LicenseKind.Agent),
            w => w.WriteOctetString([0x00, 0x1A, 0x2B, 0x3C, 0x4D], new Asn1Tag(TagClass.ContextSpecific, 7)));

        AssertRefused(der, LicenseStatus.Malformed);
    }

    [Fact]
    public void ANegativeTimeIsMalformed()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(Convert.FromHexString("0123456789ABCDEF"));
            writer.WriteEnumeratedValue(LicenseKind.License);
            writer.WriteInteger(-1);
        }
        AssertRefused(writer.Encode(), LicenseStatus.Malformed);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30 })]
    [InlineData(new byte[] { 0x30, 0x00 })]
    [InlineData(new byte[] { 0x04, 0x02, 0x01, 0x02 })]
    public void GarbageIsMalformed(byte[] der) => AssertRefused(der, LicenseStatus.Malformed);

    internal static void AssertSamePayload(LicensePayload expected, LicensePayload actual)
    {
        // Records compare lists by reference, so the features are compared on their own.
        Assert.Equal(expected with { Features = [] }, actual with { Features = [] });
        Assert.Equal(expected.Features, actual.Features);
    }

    private static LicenseKeyFormatException AssertRefused(byte[] der, LicenseStatus status)
    {
        var error = Assert.Throws<LicenseKeyFormatException>(() => PayloadCodec.Decode(der));
        Assert.Equal(status, error.Status);
        return error;
    }

    private static byte[] MinimalPrefix(LicenseKind kind) =>
        PayloadCodec.Encode(new LicensePayload { Serial = "0123456789ABCDEF", Kind = kind, IssuedAt = Now, NotBefore = Now });

    /// <summary>Re-writes the payload SEQUENCE with one more element at its end.</summary>
    private static byte[] AppendField(byte[] payloadDer, Action<AsnWriter> writeField)
    {
        var fields = new AsnReader(payloadDer, AsnEncodingRules.DER).ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            while (fields.HasData) writer.WriteEncodedValue(fields.ReadEncodedValue().Span);
            writeField(writer);
        }
        return writer.Encode();
    }
}
