using InedoLicense.Terms;

namespace InedoLicense.Core.Tests;

public sealed class LicenseTermTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2023, 1, 31, 1, 2023, 2, 28)] // month end into a short February
    [InlineData(2024, 1, 31, 1, 2024, 2, 29)] // ... of a leap year
    [InlineData(2024, 1, 31, 2, 2024, 3, 31)] // counted from the start, not month by month (which would give 28 or 29 Mar)
    [InlineData(2024, 3, 31, 1, 2024, 4, 30)]
    [InlineData(2024, 2, 29, 12, 2025, 2, 28)] // leap day + a year
    [InlineData(2024, 2, 29, 48, 2028, 2, 29)] // leap day + four years lands on a leap day again
    [InlineData(2023, 2, 28, 12, 2024, 2, 28)] // not "moved" to the end of the leap February
    [InlineData(2024, 12, 15, 1, 2025, 1, 15)]
    [InlineData(2024, 5, 1, 12, 2025, 5, 1)]
    public void AddMonthsClampsToTheLastDayOfShorterMonths(int y, int m, int d, int months, int ey, int em, int ed)
    {
        var start = Utc(y, m, d, 13, 45);
        Assert.Equal(Utc(ey, em, ed, 13, 45), LicenseTerm.AddMonths(start, months));
    }

    [Fact]
    public void AddMonthsWorksInUtcWhateverTheOffsetOfTheStart()
    {
        // 31 Jan 23:30 in New York is 1 Feb 04:30 UTC: the term runs to 1 Mar 04:30 UTC, not to the end of February.
        var start = new DateTimeOffset(2024, 1, 31, 23, 30, 0, TimeSpan.FromHours(-5));
        var end = LicenseTerm.AddMonths(start, 1);
        Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(Utc(2024, 3, 1, 4, 30), end);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(LicenseTerm.MaxMonths + 1)]
    public void AddMonthsRefusesTermsOutsideTheRange(int months) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LicenseTerm.AddMonths(Utc(2024, 1, 1), months));

    [Fact]
    public void NearestWholeMonthsRecoversEveryTermMadeByAddMonths()
    {
        for (var start = Utc(2023, 1, 1, 6); start < Utc(2025, 1, 1); start = start.AddDays(1))
        {
            foreach (var months in (int[])[1, 2, 6, 11, 12, 13, 24, 36])
            {
                var end = LicenseTerm.AddMonths(start, months);
                Assert.True(months == LicenseTerm.NearestWholeMonths(start, end), $"{start:u} + {months} months = {end:u}");
                Assert.True(LicenseTerm.IsWholeMonths(start, end));
            }
        }
    }

    [Fact]
    public void NearestWholeMonthsRoundsExplicitEnds()
    {
        Assert.Equal(13, LicenseTerm.NearestWholeMonths(Utc(2024, 1, 1), Utc(2024, 1, 1).AddDays(400)));
        Assert.Equal(12, LicenseTerm.NearestWholeMonths(Utc(2024, 1, 1), Utc(2024, 12, 25)));
        Assert.Equal(1, LicenseTerm.NearestWholeMonths(Utc(2024, 1, 1), Utc(2024, 1, 3)));
        Assert.Equal(1, LicenseTerm.NearestWholeMonths(Utc(2024, 1, 1), Utc(2023, 1, 3)));
        Assert.False(LicenseTerm.IsWholeMonths(Utc(2024, 1, 1), Utc(2024, 1, 1).AddDays(400)));
    }

    [Fact]
    public void TheSeedsExampleAddsUp()
    {
        // A 12-month licence lapses; a stopgap covers one month; the renewal runs 12 months from the old
        // expiry, so counted from its activation a month later it has 11 months left.
        var oldStart = Utc(2024, 3, 10, 9);
        var oldEnd = LicenseTerm.AddMonths(oldStart, 12);
        var activated = LicenseTerm.AddMonths(oldEnd, 1);
        var renewedEnd = LicenseTerm.AddMonths(oldEnd, LicenseTerm.NearestWholeMonths(oldStart, oldEnd));
        Assert.Equal(LicenseTerm.AddMonths(activated, 11), renewedEnd);
        Assert.Equal(Utc(2026, 3, 10, 9), renewedEnd);
    }
}
