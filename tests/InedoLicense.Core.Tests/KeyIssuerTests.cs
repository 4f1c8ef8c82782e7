using System.Data.Common;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class KeyIssuerTests(EcdsaAuthorityFixture authority) : IClassFixture<EcdsaAuthorityFixture>, IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public void AKeyIsReturnedOnlyOnceCommittedAndInTheOrderIssued()
    {
        const int BatchSize = 3;
        using var issuer = new KeyIssuer(authority.Issuer, _folder.Open()) { BatchSize = BatchSize };
        var observer = _folder.Open(); // another connection sees only what was committed
        var outstanding = new List<string>();
        var returned = new List<string>();

        for (var i = 0; i < 8; i++)
        {
            var payload = SamplePayloads.License(authority.Now);
            outstanding.Add(payload.Serial);
            var committed = issuer.Add(payload).Records.Select(r => r.Serial).ToList();
            if (committed.Count > 0)
            {
                // Handed back whole, oldest first, and only once in the store.
                Assert.Equal(outstanding.Take(committed.Count), committed);
                Assert.Equal(committed.Order(), InStore(observer, committed));
                returned.AddRange(committed);
                outstanding.RemoveRange(0, committed.Count);
            }
            // At most two batches signing or committing in the background and the one being filled are held back.
            Assert.True(outstanding.Count < 3 * BatchSize, $"{outstanding.Count} keys held back");
        }

        var flushed = issuer.Flush().Records.Select(r => r.Serial).ToList();
        Assert.Equal(outstanding, flushed);
        returned.AddRange(flushed);
        Assert.Equal(8, returned.Count);
        Assert.Equal(returned.Order(), InStore(observer, returned));
        Assert.Empty(issuer.Flush().Records);
    }

    [Fact]
    public void KeysOfTheBatchBeingFilledAreNotInTheStore()
    {
        using var issuer = new KeyIssuer(authority.Issuer, _folder.Open()) { BatchSize = 100 };
        var observer = _folder.Open();
        var serials = Enumerable.Range(0, 5).Select(_ => SamplePayloads.License(authority.Now)).Select(p => { issuer.Add(p); return p.Serial; }).ToList();
        Assert.Empty(InStore(observer, serials));
        Assert.Equal(serials, issuer.Flush().Records.Select(r => r.Serial));
        Assert.Equal(serials.Order(), InStore(observer, serials));
    }

    [Fact]
    public void WithBatchSizeOneEachKeyComesBackOnceCommittedInOrder()
    {
        using var issuer = new KeyIssuer(authority.Issuer, _folder.Open()) { BatchSize = 1 };
        var serials = new List<string>();
        var returned = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var payload = SamplePayloads.Agent(authority.Now);
            serials.Add(payload.Serial);
            returned.AddRange(issuer.Add(payload).Records.Select(r => r.Serial));
            // A prefix of what was issued, in order, at most two keys behind (they sign and commit meanwhile).
            Assert.Equal(serials.Take(returned.Count), returned);
            Assert.True(serials.Count - returned.Count <= 2, $"{serials.Count - returned.Count} keys held back");
        }
        returned.AddRange(issuer.Flush().Records.Select(r => r.Serial));
        Assert.Equal(serials, returned);
    }

    [Fact]
    public void TheDefaultBatchSizeIs256() =>
        Assert.Equal(256, new KeyIssuer(authority.Issuer, _folder.Open()).BatchSize);

    [Fact]
    public void ReturnedRecordsCarryAKeyThatVerifiesAndThePayloadsFields()
    {
        var issuer = new KeyIssuer(authority.Issuer, _folder.Open());
        var payload = SamplePayloads.License(authority.Now);
        issuer.Add(payload, "ticket 42");
        var record = Assert.Single(issuer.Flush().Records);

        var verified = authority.Verifier.Verify(record.Key, authority.At(authority.Now));
        Assert.Equal(LicenseStatus.Valid, verified.Status);
        Assert.Equal(payload.Serial, verified.Serial);
        Assert.Equal((payload.Customer, payload.Product, payload.Edition, payload.ExpiresAt), (record.Customer, record.Product, record.Edition, record.ExpiresAt));
        Assert.Equal(authority.Issuer.Thumbprint, record.IssuerThumbprint);
        Assert.Equal(0, DecodedLicenseKey.Decode(record.Key).EmbeddedCertificateCount);

        var audit = Assert.Single(_folder.Open().AuditLog.ReadAuditLog(payload.Serial));
        Assert.Equal(AuditActions.IssueKey, audit.Action);
        Assert.Equal(authority.Issuer.Thumbprint, audit.CertificateThumbprint);
        Assert.Contains("note=ticket 42", audit.Details);
    }

    [Fact]
    public void WithIncludeCertificatesTheKeysEmbedTheIssuerAndVerifyWithTheRootAlone()
    {
        var issuer = new KeyIssuer(authority.SuperAdmin, _folder.Open(), includeCertificates: true);
        issuer.Add(SamplePayloads.TemporaryOrganization(authority.Now));
        var record = Assert.Single(issuer.Flush().Records);
        using var rootOnly = new TrustBundle([authority.Root]);

        Assert.Equal(1, DecodedLicenseKey.Decode(record.Key).EmbeddedCertificateCount);
        Assert.Equal(LicenseStatus.Valid, new LicenseVerifier(rootOnly).Verify(record.Key, authority.At(authority.Now)).Status);
    }

    [Fact]
    public void AKindTheSignersRoleDoesNotAllowIsRefusedAndNothingIsKept()
    {
        var store = _folder.Open();
        var ordinary = new KeyIssuer(authority.Issuer, store);
        var superAdmin = new KeyIssuer(authority.SuperAdmin, store);

        var refused = Assert.Throws<IssuerNotAuthorizedException>(() => ordinary.Add(SamplePayloads.TemporaryOrganization(authority.Now)));
        Assert.Equal(LicenseKind.TemporaryOrganization, refused.Kind);
        Assert.Contains("SuperAdmin", refused.Message);
        Assert.Equal(LicenseKind.License, Assert.Throws<IssuerNotAuthorizedException>(() => superAdmin.Add(SamplePayloads.License(authority.Now))).Kind);

        Assert.Empty(ordinary.Flush().Records);
        Assert.Empty(superAdmin.Flush().Records);
        Assert.Empty(store.Licenses.Query(new LicenseQuery()));
        Assert.Empty(store.AuditLog.ReadAuditLog());
    }

    [Fact]
    public void APayloadRefusedByTheRulesIsNotSignedAndLeavesTheBatchAlone()
    {
        var issuer = new KeyIssuer(authority.Issuer, _folder.Open());
        var good = SamplePayloads.License(authority.Now);
        issuer.Add(good);

        var error = Assert.Throws<ArgumentException>(() => issuer.Add(SamplePayloads.License(authority.Now) with { Customer = "Contoso\r\nBcc: x" }));
        Assert.Equal("Customer", error.ParamName);
        Assert.Throws<ArgumentException>(() => issuer.Add(SamplePayloads.Stopgap(authority.Now) with { ExpiresAt = authority.Now.AddDays(-1) }));
        Assert.Throws<ArgumentException>(() => issuer.Add(SamplePayloads.Agent(authority.Now) with { MacId = null }));

        Assert.Equal([good.Serial], issuer.Flush().Records.Select(r => r.Serial));
    }

    [Fact]
    public void WhenACommitFailsNoneOfTheBatchIsReturnedOrKept()
    {
        var store = _folder.Open();
        var issuer = new KeyIssuer(authority.Issuer, store);
        issuer.Add(SamplePayloads.License(authority.Now));
        var existing = Assert.Single(issuer.Flush().Records);

        var fresh = SamplePayloads.License(authority.Now);
        issuer.Add(fresh);
        issuer.Add(SamplePayloads.License(authority.Now) with { Serial = existing.Serial });

        var failed = issuer.Flush();
        Assert.Empty(failed.Records);
        Assert.IsAssignableFrom<DbException>(Assert.Single(failed.Failures));
        Assert.Empty(issuer.Flush().Records); // the failed batch is gone, not retried or handed out later
        Assert.Equal([existing.Serial], store.Licenses.Query(new LicenseQuery()).Select(r => r.Serial));
        Assert.Single(store.AuditLog.ReadAuditLog());
    }

    [Fact]
    public void NewPayloadHasAFreshSerialAndStartsNowToTheSecond()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var payload = KeyIssuer.NewPayload(LicenseKind.Stopgap);
        var other = KeyIssuer.NewPayload(LicenseKind.Stopgap);

        Assert.Equal(payload.Serial, LicenseSerial.Normalize(payload.Serial));
        Assert.NotEqual(payload.Serial, other.Serial);
        Assert.Equal(LicenseKind.Stopgap, payload.Kind);
        Assert.Equal(payload.IssuedAt, payload.NotBefore);
        Assert.Equal(0, payload.IssuedAt.Millisecond);
        Assert.InRange(payload.IssuedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.Zero, payload.IssuedAt.Offset);
    }

    private static string[] InStore(LicenseStore store, IReadOnlyList<string> serials) =>
        serials.Count == 0 ? [] : [.. store.Licenses.Query(new LicenseQuery { Serials = serials }).Select(r => r.Serial).Order()];

    public void Dispose() => _folder.Dispose();
}
