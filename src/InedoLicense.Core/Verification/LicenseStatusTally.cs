namespace InedoLicense.Verification;

/// <summary>Counts verification results by status, for a bulk audit's summary (<see cref="LicenseStatusCount"/>, in status order).</summary>
public sealed class LicenseStatusTally
{
    private readonly long[] _counts = new long[Enum.GetValues<LicenseStatus>().Length];

    public void Add(LicenseStatus status) => _counts[(int)status]++;

    /// <summary>The statuses seen, in the order of <see cref="LicenseStatus"/>, with their counts.</summary>
    public IEnumerable<LicenseStatusCount> Counts() =>
        _counts.Select((count, status) => new LicenseStatusCount((LicenseStatus)status, count)).Where(c => c.Count > 0);
}
