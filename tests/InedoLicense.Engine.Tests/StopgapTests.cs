using System.Management.Automation;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests;

/// <summary>New-StopgapLicense: the trial key, the one-per-lapsed-term policy, -Force and its audit, and bulk rows.</summary>
public sealed class StopgapTests
{
    private static T Get<T>(PSObject o, string name) => (T)o.Properties[name].Value;

    private static string Id(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    [Theory]
    [InlineData("ProGet", "FeedReplication")]
    [InlineData("BuildMaster", "Servers=Unlimited")]
    [InlineData("Otter", "Servers=Unlimited")]
    public void AStopgapVerifiesValidWithTheBannerAndPaidFeaturesAndExpiresOnDay31(string product, string paidFeature)
    {
        using var session = new ModuleSession();
        var stopgap = session.Run("New-StopgapLicense -Product $args[0] -Customer 'Contoso Ltd' -StorePath $StorePath", product).Single();
        Assert.Equal("Stopgap", Get<object>(stopgap, "Kind").ToString());
        var issued = Get<DateTimeOffset>(stopgap, "NotBefore");
        Assert.Equal(issued.AddDays(30), Get<DateTimeOffset?>(stopgap, "ExpiresAt"));

        var results = session.Run("""
            $key = $args[0]
            $key | Test-LicenseKey -Product $args[1] -TrustBundle $args[2] -StorePath $StorePath
            $key | Test-LicenseKey -Product $args[1] -TrustBundle $args[2] -At $args[3] -StorePath $StorePath
            $key | Test-LicenseKey -Product $args[1] -TrustBundle $args[2] -At $args[4] -StorePath $StorePath
            """, Get<string>(stopgap, "Key"), product, session.TrustBundlePath, issued.AddDays(29), issued.AddDays(31));
        var now = results[0];
        Assert.Equal("Valid", Get<object>(now, "Status").ToString());
        Assert.Equal("Trial", Get<string>(now, "Edition"));
        Assert.Equal("trial", Get<string>(now, "Banner"));
        Assert.Contains(paidFeature, Get<IReadOnlyList<string>>(now, "Features"));
        Assert.Equal("Valid", Get<object>(results[1], "Status").ToString());
        Assert.Equal("Expired", Get<object>(results[2], "Status").ToString());
        Assert.Contains(issued.AddDays(30).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Get<string>(results[2], "Message"));

        var otherProduct = session.Run("$args[0] | Test-LicenseKey -Product Gadget -StorePath $StorePath", Get<string>(stopgap, "Key")).Single();
        Assert.Equal("ProductMismatch", Get<object>(otherProduct, "Status").ToString());
    }

    [Fact]
    public void ASecondStopgapForTheSameTermIsRefusedNamingTheFirst()
    {
        using var session = new ModuleSession();
        var lapsed = session.Run("New-License ProGet Contoso Basic -NotBefore '2024-03-01Z' -Months 12 -StorePath $StorePath").Single();
        var first = session.Run("New-StopgapLicense ProGet Contoso -Reason ExpiryNoticeMissed -StorePath $StorePath").Single();
        Assert.Equal(Get<string>(lapsed, "Serial"), Get<string>(first, "StopgapFor"));
        Assert.Equal("ExpiryNoticeMissed", Get<string>(first, "Purpose"));

        var (output, errors) = session.Invoke("New-StopgapLicense proget CONTOSO -StorePath $StorePath");
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("StopgapAlreadyIssued", Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        var request = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("CONTOSO", request.Properties["Customer"].Value);
        Assert.Equal("proget", request.Properties["Product"].Value);
        Assert.Contains(Get<string>(first, "Serial"), error.Exception.Message);
        Assert.Contains(Get<DateTimeOffset?>(first, "ExpiresAt")!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            error.Exception.Message);
        Assert.Contains("-Force", error.Exception.Message);

        // Another product, or another customer, is another term.
        Assert.Single(session.Run("New-StopgapLicense Otter Contoso -StorePath $StorePath"));
        Assert.Single(session.Run("New-StopgapLicense ProGet Fabrikam -StorePath $StorePath"));
    }

    [Fact]
    public void ForceIssuesAnotherAndTheAuditLogSaysSo()
    {
        using var session = new ModuleSession();
        var first = session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath").Single();
        var forced = session.Run("New-StopgapLicense ProGet Contoso -Force -Reason RenewalContactLeft -StorePath $StorePath").Single();
        Assert.NotEqual(Get<string>(first, "Serial"), Get<string>(forced, "Serial"));

        using var store = LicenseStore.Open(session.StorePath);
        var entry = store.AuditLog.ReadAuditLog(Get<string>(forced, "Serial")).Single();
        Assert.Equal(AuditActions.IssueKey, entry.Action);
        Assert.Contains("forced", entry.Details);
        Assert.Contains(Get<string>(first, "Serial"), entry.Details);
        Assert.Contains("reason=RenewalContactLeft", entry.Details);
        var unforced = store.AuditLog.ReadAuditLog(Get<string>(first, "Serial")).Single();
        Assert.DoesNotContain("forced", unforced.Details);
    }

    [Fact]
    public void AfterARenewalTheNextLapseIsANewTerm()
    {
        using var session = new ModuleSession();
        var lapsed = session.Run("New-License ProGet Contoso Basic -NotBefore '2024-03-01Z' -Months 12 -StorePath $StorePath").Single();
        session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath");
        // The renewal ends within the stopgap window (its last 30 days), so its lapse can be bridged now.
        var renewal = session.Run("$args[0] | New-License -ExpiresAt ([DateTimeOffset]::UtcNow.AddDays(10)) -StorePath $StorePath", lapsed).Single();
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), Get<DateTimeOffset>(renewal, "NotBefore"));

        var next = session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath").Single();
        Assert.Equal(Get<string>(renewal, "Serial"), Get<string>(next, "StopgapFor"));
    }

    [Fact]
    public void WithoutAPaidLicenceACustomerGetsOneStopgapPerProduct()
    {
        using var session = new ModuleSession();
        session.Run("New-License ProGet Contoso Free -StorePath $StorePath"); // a free licence is no paid term
        var first = session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath").Single();
        Assert.Null(Get<string>(first, "StopgapFor"));
        Assert.Equal("StopgapAlreadyIssued", Id(session.Invoke("New-StopgapLicense ProGet Contoso -StorePath $StorePath").Errors.Single()));
    }

    [Fact]
    public void ARevokedStopgapDoesNotCount()
    {
        using var session = new ModuleSession();
        session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath | Revoke-License -Confirm:$false -StorePath $StorePath");
        Assert.Single(session.Run("New-StopgapLicense ProGet Contoso -StorePath $StorePath"));
    }

    [Theory]
    [InlineData("'not-a-serial'", "InvalidSerial", "")]
    [InlineData("'0011223344556677'", "LicenseNotFound", "")]
    [InlineData("$older.Serial", "InvalidLapsedLicense", "latest paid")]
    [InlineData("$other.Serial", "InvalidLapsedLicense", "belongs to Fabrikam")]
    [InlineData("$free.Serial", "InvalidLapsedLicense", "not a paid licence")]
    [InlineData("($latest | Revoke-License -PassThru -Confirm:$false -StorePath $StorePath).Serial", "InvalidLapsedLicense", "is revoked")]
    public void ANamedLapsedLicenceMustBeTheCustomersLatestPaidOne(string lapsed, string errorId, string reason)
    {
        using var session = new ModuleSession();
        var (output, errors) = session.Invoke($$"""
            $older = New-License ProGet Contoso Basic -NotBefore '2023-03-01Z' -Months 12 -StorePath $StorePath
            $latest = New-License ProGet Contoso Basic -NotBefore '2024-03-01Z' -Months 12 -StorePath $StorePath
            $other = New-License ProGet Fabrikam Basic -StorePath $StorePath
            $free = New-License ProGet Contoso Free -StorePath $StorePath
            New-StopgapLicense ProGet Contoso -LapsedLicense {{lapsed}} -StorePath $StorePath
            """);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal(errorId, Id(error));
        Assert.Contains(reason, error.Exception.Message);
    }

    [Fact]
    public void TheLapsedLicenceCanBePipedIn()
    {
        using var session = new ModuleSession();
        var stopgap = session.Run("""
            New-License ProGet Contoso Enterprise -NotBefore '2024-03-01Z' -Months 12 -StorePath $StorePath |
                New-StopgapLicense -Reason PurchaseOrderPending -StorePath $StorePath
            """).Single();
        Assert.Equal(("ProGet", "Contoso", "Trial"), (Get<string>(stopgap, "Product"), Get<string>(stopgap, "Customer"), Get<string>(stopgap, "Edition")));
        Assert.NotNull(Get<string>(stopgap, "StopgapFor"));
    }

    [Fact]
    public void BulkRowsIssueOneKeyEachAndABadRowYieldsItsOwnError()
    {
        using var session = new ModuleSession();
        // The rows Import-Csv makes: every cell a string, empty cells "" (Import-Csv itself is not in the bare engine).
        var (output, errors, progress) = session.InvokeWithProgress("""
            @(
                [pscustomobject]@{ Product = 'ProGet';      Customer = 'Contoso';   LapsedLicense = ''; Reason = 'PurchaseOrderPending' }
                [pscustomobject]@{ Product = 'Foo';         Customer = 'Fabrikam';  LapsedLicense = ''; Reason = '' }
                [pscustomobject]@{ Product = 'Otter';       Customer = '  ';        LapsedLicense = ''; Reason = 'Other' }
                [pscustomobject]@{ Product = 'BuildMaster'; Customer = 'Fabrikam';  LapsedLicense = ''; Reason = 'ExpiryNoticeMissed' }
                [pscustomobject]@{ Product = 'proget';      Customer = 'CONTOSO';   LapsedLicense = ''; Reason = '' }
                [pscustomobject]@{ Product = 'Otter';       Customer = 'Northwind'; LapsedLicense = ''; Reason = '' }
            ) | New-StopgapLicense -StorePath $StorePath
            """);
        Assert.Equal(["Contoso", "Fabrikam", "Northwind"], output.Select(o => Get<string>(o, "Customer")));
        Assert.Equal(["PurchaseOrderPending", "ExpiryNoticeMissed", "Other"], output.Select(o => Get<string>(o, "Purpose")));
        Assert.Equal(["UnknownProduct", "InvalidLicenseField", "StopgapAlreadyIssued"], errors.Select(Id));
        // The target is the row, and the message starts with it, so a bad row can be found in a CSV of thousands.
        Assert.Equal("Foo", ((PSObject)errors[0].TargetObject).Properties["Product"].Value);
        Assert.StartsWith("Row 2 (Product=Foo, Customer=Fabrikam): ", errors[0].ErrorDetails.Message);
        Assert.Contains(Get<string>(output[0], "Serial"), errors[2].Exception.Message); // still pending in the batch, or committed: either way it counts
        Assert.Empty(progress); // six rows: below the progress threshold (BulkProgressTests covers long pipelines)

        var stored = session.Run("Get-License -Kind Stopgap -StorePath $StorePath");
        Assert.Equal(output.Select(o => Get<string>(o, "Serial")).Order(), stored.Select(o => Get<string>(o, "Serial")).Order());
    }

    [Fact]
    public void ARowTheStoreRefusesAtCommitIsNamedAndTargeted()
    {
        using var session = new ModuleSession();
        // Row 1's key waits in its batch while another command commits a stopgap for the same customer and product:
        // the store's rule refuses row 1 at commit, after row 2 was read, and the error still names row 1.
        var (output, errors) = session.Invoke("""
            @(
                [pscustomobject]@{ Product = 'ProGet'; Customer = 'Contoso' }
                [pscustomobject]@{ Product = 'Otter';  Customer = 'Fabrikam' }
            ) | ForEach-Object {
                $_
                if ($_.Customer -eq 'Contoso') { $null = New-StopgapLicense ProGet Contoso -StorePath $StorePath }
            } | New-StopgapLicense -StorePath $StorePath
            """);
        Assert.Equal(["Fabrikam"], output.Select(o => Get<string>(o, "Customer")));
        var error = Assert.Single(errors);
        Assert.Equal("StopgapAlreadyIssued", Id(error));
        Assert.Equal("Contoso", ((PSObject)error.TargetObject).Properties["Customer"].Value);
        Assert.StartsWith("Row 1 (Product=ProGet, Customer=Contoso): ", error.ErrorDetails.Message);
    }

    [Fact]
    public void WhatIfIssuesNothing()
    {
        using var session = new ModuleSession();
        Assert.Empty(session.Run("New-StopgapLicense ProGet Contoso -WhatIf -StorePath $StorePath"));
        Assert.Empty(session.Run("Get-License -StorePath $StorePath"));
    }
}
