using InedoLicense.Issuance;
using System.Text;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Security;

public sealed class RevocationListTests : IDisposable
{
    private readonly InMemoryAuthority _authority = new();

    private DateTimeOffset Now => _authority.Now;

    private RevokedKey[] Entries => [new("0000000000000002", Now.AddDays(-2), "refund"), new("00000000000000A1", Now.AddDays(-1), null)];

    [Fact]
    public void SignedListVerifiesAndAnswersBySerial()
    {
        var der = RevocationListSigner.Sign(_authority.Issuer, Entries.Reverse(), Now, Now.AddDays(7));
        var list = RevocationList.Verify(Encoding.ASCII.GetBytes(RevocationList.ToText(der)), _authority.Trust, Now);

        Assert.Equal(2, list.Count);
        Assert.Equal(["0000000000000002", "00000000000000A1"], list.Entries.Select(e => e.Serial)); // sorted on signing
        Assert.Equal(Now, list.IssuedAt);
        Assert.Equal(Now.AddDays(7), list.NextUpdate);
        Assert.Equal(_authority.IssuerCertificate.Thumbprint, list.SignerThumbprint);
        Assert.True(list.TryGetRevocation("0000000000000002", out var revokedAt, out var reason));
        Assert.Equal((Now.AddDays(-2), "refund"), (revokedAt, reason));
        Assert.False(list.TryGetRevocation("0000000000000003", out _, out _));
        // Raw DER is accepted as well as the PEM text.
        Assert.Equal(2, RevocationList.Verify(der, _authority.Trust, Now).Count);
    }

    [Fact]
    public void VerifierHonoursTheListForKeys()
    {
        var payload = _authority.License();
        var key = KeyText.Encode(_authority.Issuer.Sign(payload));
        var list = RevocationList.Verify(RevocationListSigner.Sign(_authority.Issuer, [new RevokedKey(payload.Serial, Now, "chargeback")], Now, Now.AddDays(1)),
            _authority.Trust, Now);

        var result = new LicenseVerifier(_authority.Trust).Verify(key, new VerificationContext { At = Now, Revocations = list });

        Assert.Equal(LicenseStatus.Revoked, result.Status);
        Assert.Contains("chargeback", result.Message);
    }

    [Fact]
    public void ListPastItsNextUpdateIsRefusedBeyondTheClockSkew()
    {
        var der = RevocationListSigner.Sign(_authority.Issuer, Entries, Now, Now.AddHours(1));

        Assert.Equal(2, RevocationList.Verify(der, _authority.Trust, Now.AddHours(1).AddMinutes(4)).Count); // within the 5-minute skew
        var expired = Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(der, _authority.Trust, Now.AddHours(1).AddMinutes(6)));
        Assert.Equal(RevocationListProblem.Expired, expired.Problem);
    }

    [Fact]
    public void ListFromAnotherAuthorityIsUntrusted()
    {
        using var other = new InMemoryAuthority("Other Vendor");
        var der = RevocationListSigner.Sign(other.Issuer, Entries, Now, Now.AddDays(1));

        Assert.Equal(RevocationListProblem.UntrustedSigner, Problem(der));
    }

    [Fact]
    public void ListSignedBySuperAdminRoleIsRefused()
    {
        Assert.Throws<IssuerNotAuthorizedException>(() => RevocationListSigner.Sign(_authority.SuperAdmin, Entries, Now, Now.AddDays(1)));
        // Signed anyway, around the check: the verifier refuses it too.
        var der = _authority.SuperAdmin.SignContent(RevocationListCodec.Encode(new RevocationListContent(Now, Now.AddDays(1), Entries)));

        Assert.Equal(RevocationListProblem.SignerNotAuthorized, Problem(der));
    }

    [Fact]
    public void ChangedListFailsItsSignature()
    {
        var der = RevocationListSigner.Sign(_authority.Issuer, Entries, Now, Now.AddDays(1));
        var signed = SignedDataCodec.Read(der);
        // The same signature over a list with one entry dropped: what someone un-revoking a key would try.
        var shorter = RevocationListCodec.Encode(new RevocationListContent(Now, Now.AddDays(1), Entries[1..]));
        var forged = SignedDataCodec.Write(shorter, signed.SubjectKeyId, signed.SignatureAlgorithm, signed.Signature.Span);

        Assert.Equal(RevocationListProblem.BadSignature, Problem(forged));
    }

    [Fact]
    public void KeyIsNeverTakenForAListNorAListForAKey()
    {
        var keyDer = _authority.Issuer.Sign(_authority.License());
        var listDer = RevocationListSigner.Sign(_authority.Issuer, Entries, Now, Now.AddDays(1));

        var asList = Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(keyDer, _authority.Trust, Now));
        Assert.Equal(RevocationListProblem.Malformed, asList.Problem);
        Assert.Contains("not a revocation list", asList.Message);
        Assert.Equal(LicenseStatus.Malformed, new LicenseVerifier(_authority.Trust).Verify(KeyText.Encode(listDer), new VerificationContext { At = Now }).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a list")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN INEDO LICENSE REVOCATION LIST-----\nAAAA\n-----END INEDO LICENSE REVOCATION LIST-----\n")]
    public void GarbageFilesAreMalformed(string text) =>
        Assert.Equal(RevocationListProblem.Malformed, Problem(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void DuplicateOrUnsortedSerialsAreMalformed()
    {
        var content = RevocationListCodec.Encode(new RevocationListContent(Now, Now.AddDays(1), Entries));
        // Swap the two entries in the DER: same bytes, descending order.
        var first = Convert.FromHexString("0000000000000002");
        var second = Convert.FromHexString("00000000000000A1");
        var swapped = Replace(Replace(content, first, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), second, first);
        var der = _authority.Issuer.SignContent(swapped);

        var problem = Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(der, _authority.Trust, Now));
        Assert.Equal(RevocationListProblem.Malformed, problem.Problem);
        Assert.Contains("ascending", problem.Message);
    }

    private RevocationListProblem Problem(byte[] file) =>
        Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(file, _authority.Trust, Now)).Problem;

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        Assert.True(at >= 0);
        var copy = (byte[])bytes.Clone();
        with.CopyTo(copy, at);
        return copy;
    }

    // Issue 13: the list's rules the spec was silent on (docs/design/revocation-list.md, "How a verifier checks it").
    [Fact]
    public void AnyMomentCanBeEvaluatedAgainstAList()
    {
        var der = RevocationListSigner.Sign(_authority.Issuer, Entries, Now, Now.AddDays(7));

        Assert.Equal(RevocationListProblem.Expired,
            Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(der, _authority.Trust, DateTimeOffset.MaxValue)).Problem);
        Assert.Equal(2, RevocationList.Verify(der, _authority.Trust, DateTimeOffset.MinValue).Count);
    }

    [Fact]
    public void AListIssuedAfterTheEvaluationMomentIsAccepted()
    {
        var der = RevocationListSigner.Sign(_authority.Issuer, Entries, Now.AddHours(2), Now.AddDays(7));
        Assert.Equal(2, RevocationList.Verify(der, _authority.Trust, Now).Count);
    }

    [Fact]
    public void TheSignersChainIsJudgedAtTheListsIssueTime()
    {
        var notAfter = new DateTimeOffset(_authority.IssuerCertificate.NotAfter.ToUniversalTime());
        var inTime = RevocationListSigner.Sign(_authority.Issuer, Entries, notAfter.AddDays(-1), notAfter.AddDays(6));
        var tooLate = RevocationListSigner.Sign(_authority.Issuer, Entries, notAfter.AddSeconds(1), notAfter.AddDays(6));

        Assert.Equal(2, RevocationList.Verify(inTime, _authority.Trust, notAfter.AddDays(2)).Count);
        var refused = Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(tooLate, _authority.Trust, notAfter.AddDays(2)));
        Assert.Equal(RevocationListProblem.UntrustedSigner, refused.Problem);
        Assert.Contains("outside its signer", refused.Message);
    }

    [Fact]
    public void AReasonIsAtMost200CharactersCountedAsUnicodeScalarValues()
    {
        var emoji = char.ConvertFromUtf32(0x1F600);
        var fits = string.Concat(Enumerable.Repeat(emoji, 200));            // 400 UTF-16 code units
        var tooLong = string.Concat(Enumerable.Repeat(emoji, 201));

        var written = RevocationList.Verify(RevocationListSigner.Sign(_authority.Issuer, [new("0000000000000002", Now, tooLong)], Now, Now.AddDays(1)),
            _authority.Trust, Now);
        Assert.True(written.TryGetRevocation("0000000000000002", out _, out var truncated));
        Assert.Equal(fits, truncated); // cut at 200 scalar values, never inside a surrogate pair

        var forged = _authority.Issuer.SignContent(ListContent(Now, Now.AddDays(1), ("0000000000000002", tooLong)));
        var refused = Assert.Throws<InvalidRevocationListException>(() => RevocationList.Verify(forged, _authority.Trust, Now));
        Assert.Equal(RevocationListProblem.Malformed, refused.Problem);
        Assert.Contains("201 characters", refused.Message);
        Assert.Equal(1, RevocationList.Verify(_authority.Issuer.SignContent(ListContent(Now, Now.AddDays(1), ("0000000000000002", fits))), _authority.Trust, Now).Count);
    }

    // A list's content written by hand, without the encoder's truncation.
    private static byte[] ListContent(DateTimeOffset issuedAt, DateTimeOffset nextUpdate, params (string Serial, string Reason)[] entries)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(RevocationListCodec.ContentTypeOid);
            writer.WriteInteger(RevocationListCodec.CurrentVersion);
            writer.WriteInteger(issuedAt.ToUnixTimeSeconds());
            writer.WriteInteger(nextUpdate.ToUnixTimeSeconds());
            using (writer.PushSequence())
                foreach (var (serial, reason) in entries)
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString(Convert.FromHexString(serial));
                        writer.WriteInteger(issuedAt.ToUnixTimeSeconds());
                        writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String, reason);
                    }
        }
        return writer.Encode();
    }

    public void Dispose() => _authority.Dispose();
}
