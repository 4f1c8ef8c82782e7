using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>New-License terms and renewals: a renewal starts at the old expiry, never at the moment of renewal.</summary>
public sealed class RenewalTests
{
    private static T Get<T>(PSObject o, string name) => (T)o.Properties[name].Value;

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SeedExample_StopgapForAMonthThenTheRenewalExpires11MonthsAfterActivation()
    {
        using var session = new ModuleSession();
        var now = DateTimeOffset.UtcNow;
        // A 12-month licence that lapsed last month (the 15th keeps month ends out of this example).
        var start = new DateTimeOffset(now.Year, now.Month, 15, 9, 0, 0, TimeSpan.Zero).AddMonths(-13);
        var old = session.Run("New-License -Product ProGet -Customer Contoso -Edition Enterprise -NotBefore $args[0] -Months 12 -StorePath $StorePath", start).Single();
        var oldExpiry = start.AddMonths(12);
        Assert.Equal(oldExpiry, Get<DateTimeOffset?>(old, "ExpiresAt"));
        Assert.Equal("Expired", Get<object>(old, "Status").ToString());

        // The customer runs on a stopgap for a month...
        var stopgap = session.Run("New-StopgapLicense -Product ProGet -Customer Contoso -Reason PurchaseOrderPending -StorePath $StorePath").Single();
        Assert.Equal(Get<string>(old, "Serial"), Get<string>(stopgap, "StopgapFor"));
        var oldAfterStopgap = session.Run("Get-License -Serial $args[0] -StorePath $StorePath", Get<string>(old, "Serial")).Single();
        Assert.Equal(oldExpiry, Get<DateTimeOffset?>(oldAfterStopgap, "ExpiresAt")); // the stopgap never touches the paid term

        // ...then the renewal (the old licence piped in) starts at the old expiry, not now.
        var renewal = session.Run("Get-License -Serial $args[0] -StorePath $StorePath | New-License -StorePath $StorePath", Get<string>(old, "Serial")).Single();
        var activated = oldExpiry.AddMonths(1);
        Assert.Equal(oldExpiry, Get<DateTimeOffset>(renewal, "NotBefore"));
        Assert.Equal(oldExpiry.AddMonths(12), Get<DateTimeOffset?>(renewal, "ExpiresAt"));
        Assert.Equal(activated.AddMonths(11), Get<DateTimeOffset?>(renewal, "ExpiresAt"));
        Assert.Equal(Get<string>(old, "Serial"), Get<string>(renewal, "RenewalOf"));
        Assert.Equal(["FeedReplication"], Get<IReadOnlyList<string>>(renewal, "Features"));

        // Valid now (the issuer certificate did not exist at the activation date of this test's story, so ask about now).
        var checks = session.Run("""
            $args[0] | Test-LicenseKey -StorePath $StorePath
            $args[0] | Test-LicenseKey -At $args[1] -StorePath $StorePath
            """, renewal, oldExpiry.AddMonths(12).AddMinutes(10));
        Assert.Equal("Valid", Get<object>(checks[0], "Status").ToString());
        Assert.Equal("Expired", Get<object>(checks[1], "Status").ToString());
    }

    [Fact]
    public void ARenewalOfARunningLicenceStartsWhenItEnds()
    {
        using var session = new ModuleSession();
        var old = session.Run("New-License ProGet Contoso Basic -Months 6 -StorePath $StorePath").Single();
        var renewal = session.Run("New-License -RenewalOf $args[0] -StorePath $StorePath", Get<string>(old, "Serial")).Single();
        var oldExpiry = Get<DateTimeOffset?>(old, "ExpiresAt")!.Value;
        Assert.Equal(oldExpiry, Get<DateTimeOffset>(renewal, "NotBefore"));
        Assert.Equal(oldExpiry.AddMonths(6), Get<DateTimeOffset?>(renewal, "ExpiresAt")); // the old term's months
        Assert.Equal("NotYetValid", Get<object>(renewal, "Status").ToString());
        var later = session.Run("$args[0] | Test-LicenseKey -At $args[1] -StorePath $StorePath", renewal, oldExpiry.AddDays(1)).Single();
        Assert.Equal("Valid", Get<object>(later, "Status").ToString());
    }

    [Fact]
    public void ARenewalMayChangeTheEditionAndTheTerm()
    {
        using var session = new ModuleSession();
        var old = session.Run("New-License BuildMaster Contoso Basic -StorePath $StorePath").Single();
        var renewal = session.Run("$args[0] | New-License -Edition Enterprise -Months 24 -StorePath $StorePath", old).Single();
        Assert.Equal("Enterprise", Get<string>(renewal, "Edition"));
        Assert.Equal(["Servers=Unlimited"], Get<IReadOnlyList<string>>(renewal, "Features"));
        Assert.Equal(Get<DateTimeOffset?>(old, "ExpiresAt")!.Value.AddMonths(24), Get<DateTimeOffset?>(renewal, "ExpiresAt"));
    }

    [Fact]
    public void ALicenceIsRenewedOnceEvenWithinOnePipeline()
    {
        using var session = new ModuleSession();
        var old = session.Run("New-License ProGet Contoso Basic -StorePath $StorePath").Single();
        var serial = Get<string>(old, "Serial");
        var (output, errors) = session.Invoke("$args[0], $args[0] | New-License -StorePath $StorePath", serial);
        Assert.Single(output);
        var error = Assert.Single(errors);
        Assert.Equal("LicenseAlreadyRenewed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(serial, error.TargetObject);

        var again = session.Invoke("New-License -RenewalOf $args[0] -StorePath $StorePath", serial).Errors.Single();
        Assert.Contains(Get<string>(output[0], "Serial"), again.Exception.Message);
    }

    [Theory]
    [InlineData("New-StopgapLicense ProGet Contoso -StorePath $StorePath", "InvalidRenewal", "stopgap")]
    [InlineData("New-License ProGet Contoso Free -StorePath $StorePath", "InvalidRenewal", "perpetual")]
    [InlineData("New-License ProGet Contoso Basic -NotBefore '2020-01-01Z' -Months 12 -StorePath $StorePath", "InvalidRenewal", "already over")]
    public void ImpossibleRenewalsAreRefused(string issueOld, string errorId, string reason)
    {
        using var session = new ModuleSession();
        var old = session.Run(issueOld).Single();
        var error = session.Invoke("$args[0] | New-License -StorePath $StorePath", old).Errors.Single();
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(Get<string>(old, "Serial"), error.TargetObject);
        Assert.Contains(reason, error.Exception.Message);
    }

    [Theory]
    [InlineData("2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00Z")]
    [InlineData("2023-01-31T10:00:00Z", 1, "2023-02-28T10:00:00Z")]
    [InlineData("2024-01-31T10:00:00Z", 2, "2024-03-31T10:00:00Z")]
    [InlineData("2024-02-29T10:00:00Z", 12, "2025-02-28T10:00:00Z")]
    [InlineData("2024-02-29T10:00:00Z", 48, "2028-02-29T10:00:00Z")]
    public void TermsAreWholeCalendarMonthsInUtc(string notBefore, int months, string expiresAt)
    {
        using var session = new ModuleSession();
        var key = session.Run("New-License ProGet Contoso Basic -NotBefore $args[0] -Months $args[1] -StorePath $StorePath", notBefore, months).Single();
        Assert.Equal(DateTimeOffset.Parse(expiresAt, System.Globalization.CultureInfo.InvariantCulture), Get<DateTimeOffset?>(key, "ExpiresAt"));
    }

    [Fact]
    public void ARenewalOfALeapDayTermCountsFromTheOldExpiry()
    {
        using var session = new ModuleSession();
        var old = session.Run("New-License ProGet Contoso Basic -NotBefore '2024-02-29T00:00:00Z' -Months 12 -StorePath $StorePath").Single();
        Assert.Equal(Utc(2025, 2, 28), Get<DateTimeOffset?>(old, "ExpiresAt"));
        var renewal = session.Run("$args[0] | New-License -Months 48 -StorePath $StorePath", old).Single();
        Assert.Equal(Utc(2025, 2, 28), Get<DateTimeOffset>(renewal, "NotBefore"));
        Assert.Equal(Utc(2029, 2, 28), Get<DateTimeOffset?>(renewal, "ExpiresAt"));
    }

    [Fact]
    public void DefaultTermsFollowTheEditionsTier()
    {
        using var session = new ModuleSession();
        var keys = session.Run("""
            New-License ProGet Contoso Enterprise -StorePath $StorePath
            New-License ProGet Contoso Free -StorePath $StorePath
            New-License ProGet Contoso Trial -StorePath $StorePath
            New-License ProGet Contoso Basic -ExpiresAt '2031-01-01T00:00:00Z' -StorePath $StorePath
            """);
        DateTimeOffset Start(int i) => Get<DateTimeOffset>(keys[i], "NotBefore");
        Assert.Equal(Start(0).AddMonths(12), Get<DateTimeOffset?>(keys[0], "ExpiresAt"));
        Assert.Null(Get<DateTimeOffset?>(keys[1], "ExpiresAt"));
        Assert.Equal(Start(2).AddDays(30), Get<DateTimeOffset?>(keys[2], "ExpiresAt"));
        Assert.Equal("trial", Get<string>(keys[2], "Banner"));
        Assert.Equal(Utc(2031, 1, 1), Get<DateTimeOffset?>(keys[3], "ExpiresAt"));
    }

    [Theory]
    [InlineData("New-License Foo Contoso Basic -StorePath $StorePath", "UnknownProduct", "Foo", "BuildMaster, Otter, ProGet")]
    [InlineData("New-License ProGet Contoso Gold -StorePath $StorePath", "UnknownEdition", "Gold", "Free, Trial, Basic, Enterprise")]
    [InlineData("New-StopgapLicense Foo Contoso -StorePath $StorePath", "UnknownProduct", "Foo", "BuildMaster, Otter, ProGet")]
    public void UnknownProductsAndEditionsAreRefusedListingTheKnownOnes(string script, string errorId, string target, string known)
    {
        using var session = new ModuleSession();
        var (output, errors) = session.Invoke(script);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Contains(known, error.Exception.Message);
    }

    [Fact]
    public void RowsOfNewLicencesBindByPropertyNameAndABadRowFailsAlone()
    {
        using var session = new ModuleSession();
        var (output, errors) = session.Invoke("""
            @(
                [pscustomobject]@{ Product = 'ProGet'; Customer = 'Contoso'; Edition = 'Basic'; Months = '6' }
                [pscustomobject]@{ Product = 'ProGet'; Customer = 'Fabrikam'; Edition = 'Platinum'; Months = '6' }
                [pscustomobject]@{ Product = 'Otter'; Customer = 'Northwind'; Edition = '' }
                [pscustomobject]@{ Product = 'Otter'; Customer = 'Northwind'; Edition = 'Free' }
            ) | New-License -StorePath $StorePath
            """);
        Assert.Equal(["Contoso", "Northwind"], output.Select(o => Get<string>(o, "Customer")));
        Assert.Equal(Get<DateTimeOffset>(output[0], "NotBefore").AddMonths(6), Get<DateTimeOffset?>(output[0], "ExpiresAt"));
        Assert.Null(Get<string>(output[0], "RenewalOf"));
        Assert.Equal(2, errors.Count);
        Assert.Equal("UnknownEdition", errors[0].FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Edition", errors[1].Exception.Message); // the empty cell fails that row's binding
    }

    [Fact]
    public void ANewLicenceNeedsProductCustomerAndEdition()
    {
        using var session = new ModuleSession();
        var error = session.Invoke("New-License -Product ProGet -StorePath $StorePath").Errors.Single();
        Assert.Equal("InvalidLicenseField", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Customer, Edition", error.Exception.Message);
        Assert.Contains("-RenewalOf", error.Exception.Message);
    }
}
