using System.Management.Automation;
using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests.Security;

public sealed class ClockWarningTests : IDisposable
{
    private readonly ModuleSession _session = new();

    /// <summary>Warning messages the script wrote (redirected into its output with 3>&amp;1).</summary>
    private List<string> Warnings(string script) =>
        _session.Run(script + " 3>&1").Select(o => o.BaseObject).OfType<WarningRecord>().Select(w => w.Message).ToList();

    [Fact]
    public void ClockBehindTheNewestRecordIsWarnedAbout()
    {
        // A key recorded two days ahead of this machine's clock: what a store shows after the clock was set back.
        var future = KeyIssuer.Now().AddDays(2);
        using (var signer = LicenseAuthority.Open(_session.AuthorityPath).OpenDefaultSigner(IssuerRole.Issuer, password: null))
        using (var store = LicenseStore.Open(_session.StorePath))
        {
            var payload = KeyIssuer.NewPayload(LicenseKind.License) with
            {
                IssuedAt = future, NotBefore = future, Customer = "Future", Product = "ProGet", Edition = "Basic",
            };
            store.Licenses.AddLicenses([(LicenseRecord.FromPayload(payload, KeyText.Encode(signer.Sign(payload)), signer.Thumbprint), null)],
                AuditActor.CurrentUser(signer.Thumbprint));
        }
        var expected = future.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z";

        var issuing = Warnings("New-License -Product ProGet -Customer Contoso -Edition Basic -StorePath $StorePath");
        var verifying = Warnings("'ILK1.x' | Test-LicenseKey -StorePath $StorePath");
        var exporting = Warnings("Export-LicenseRevocationList -Path \"$TestFolder/revoked.pem\" -StorePath $StorePath");
        // A revocation is stamped with this clock too: a back-dated one is warned about like a back-dated key (issue 14).
        var revoking = Warnings("Get-License -Customer Contoso -StorePath $StorePath | Revoke-License -Confirm:$false -StorePath $StorePath");

        foreach (var warnings in new[] { issuing, verifying, exporting, revoking })
        {
            var warning = Assert.Single(warnings);
            Assert.Contains("clock", warning);
            Assert.Contains(expected, warning);
            Assert.Contains(_session.StorePath, warning);
        }
    }

    [Fact]
    public void ClockAheadOfTheStoreIsNotWarnedAbout()
    {
        Assert.Empty(Warnings("New-License -Product ProGet -Customer Contoso -Edition Basic -StorePath $StorePath"));
        Assert.Empty(Warnings("'ILK1.x' | Test-LicenseKey -StorePath $StorePath"));
        Assert.Empty(Warnings("Get-License -StorePath $StorePath | Revoke-License -Confirm:$false -StorePath $StorePath"));
    }

    public void Dispose() => _session.Dispose();
}
