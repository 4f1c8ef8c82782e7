using InedoLicense.KeyFormat;
using System.Data.Common;

namespace InedoLicense.Store;

/// <summary>
/// Test-LicenseStore's checks over a store of either engine: the engine's own check, the audit chain and its
/// anchor, every licence row against its signed key and its audit entries, the issuance rules over stored
/// rows, and the catalogue and settings against the entries that set them.
/// </summary>
internal sealed class StoreIntegrityCheck(ISqlStore store) : IStoreIntegrity
{
    private const int MaxProblemsListed = 1000;

    /// <summary>
    /// Runs the engine's own check (SQLite: PRAGMA integrity_check), verifies the audit chain from its first entry and against its
    /// anchor (and <paramref name="checkpoint"/>, "id:HASH", when given), checks every licence row
    /// against its signed key text and its IssueKey entry (also the fields only the store holds:
    /// StopgapFor and the override), the <see cref="IssuanceRule"/>s over the stored rows, and every
    /// product and setting against the audit entry that last set it. Never throws for what it finds.
    /// </summary>
    public StoreIntegrityReport CheckIntegrity(AuditAnchor? checkpoint = null)
    {
        // One read transaction: every check sees the same snapshot while other processes go on issuing.
        using var snapshot = store.BeginSnapshot();
        var problems = new ProblemList();
        var integrity = RunIntegrityCheck(problems);
        var chain = new ChainCheck(problems);
        try
        {
            foreach (var entry in store.AuditLog.ReadAuditLog()) chain.Add(entry, checkpoint);
            var anchorText = store.Scalar(AuditAnchor.SelectSql) as string;
            chain.CheckAnchor(AuditAnchor.Parse(anchorText), anchorText is not null);
            if (checkpoint is not null && !chain.SawCheckpoint)
                problems.Add($"The checkpoint entry {checkpoint.Id} is not in the audit log: the log was cut or rewritten.");
        }
        catch (Exception e) when (e is DbException or InvalidCastException)
        {
            problems.Add("The audit log cannot be read: " + e.Message);
        }

        long licenses = 0;
        try { licenses = CheckLicenses(chain, problems); }
        catch (Exception e) when (e is DbException or InvalidCastException)
        {
            problems.Add("The licences table cannot be read: " + e.Message);
        }
        try
        {
            foreach (var violation in store.RuleViolations()) problems.Add(violation);
        }
        catch (DbException e)
        {
            problems.Add("The issuance rules cannot be checked: " + e.Message);
        }
        try
        {
            CheckAgainstLog("products", "name", "definition", "Product", chain.Products, (row, logged) =>
                logged == row || logged.StartsWith(row + "; ", StringComparison.Ordinal), problems);
            CheckAgainstLog($"settings WHERE name NOT LIKE '{AuditAnchor.ReservedPrefix}%'", "name", "value", "Setting", chain.Settings,
                (row, logged) => logged == row, problems);
        }
        catch (Exception e) when (e is DbException or InvalidCastException)
        {
            problems.Add("The catalogue or the settings cannot be read: " + e.Message);
        }

        return new StoreIntegrityReport
        {
            Path = store.Path,
            IntegrityCheck = integrity,
            AuditEntries = chain.Count,
            Licenses = licenses,
            FirstBrokenEntryId = chain.FirstBrokenId,
            Checkpoint = chain.LastId > 0 ? new AuditAnchor(chain.LastId, chain.LastHash).ToString() : null,
            Problems = problems.ToList(),
        };
    }

    private string RunIntegrityCheck(ProblemList problems)
    {
        IReadOnlyList<string> lines;
        try { lines = store.EngineCheck(); }
        catch (DbException e) { lines = [e.Message]; }
        if (lines is ["ok"]) return "ok";
        foreach (var line in lines) problems.Add($"{store.Dialect.CheckName}: " + line);
        return string.Join(Environment.NewLine, lines);
    }

    private long CheckLicenses(ChainCheck chain, ProblemList problems)
    {
        var columns = LicenseRows.ColumnNames;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long count = 0;
        int serialAt = LicenseRows.Ordinal("serial"), keyTextAt = LicenseRows.Ordinal(LicenseRows.KeyTextColumn),
            thumbprintAt = LicenseRows.Ordinal(LicenseRows.IssuerThumbprintColumn), revokedAt = LicenseRows.Ordinal(LicenseRows.RevokedAtColumn),
            stopgapForAt = LicenseRows.Ordinal(LicenseRows.StopgapForColumn), overrideAt = LicenseRows.Ordinal(LicenseRows.PolicyOverrideColumn);
        var issueDetails = columns.Length; // after the columns: the details of the row's IssueKey entry
        using var command = store.Command(
            $"SELECT {LicenseRows.Columns}, (SELECT details FROM audit_log WHERE target = licenses.serial AND action = '{AuditActions.IssueKey}' ORDER BY id DESC LIMIT 1) "
            + $"FROM licenses ORDER BY {store.Dialect.RowOrder}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            count++;
            var serial = reader.IsDBNull(serialAt) ? "(null)" : Convert.ToString(reader.GetValue(serialAt), System.Globalization.CultureInfo.InvariantCulture)!;
            seen.Add(serial);
            var keyText = reader.IsDBNull(keyTextAt) ? null : reader.GetValue(keyTextAt) as string;
            var issuerThumbprint = reader.IsDBNull(thumbprintAt) ? null : reader.GetValue(thumbprintAt) as string;

            // The row against the key it records, every payload column of the field map: the key is signed, so a changed field shows as a difference.
            LicensePayload? payload = null;
            var matchesKey = false;
            try { payload = keyText is null ? null : DecodedLicenseKey.Decode(keyText).Payload; }
            catch (LicenseKeyFormatException e) { problems.Add($"Licence {serial}: its key text cannot be read ({e.Message})"); }
            if (keyText is null) problems.Add($"Licence {serial} has no key text.");
            if (payload is not null && keyText is not null)
            {
                var expected = LicenseRows.Values(LicenseRecord.FromPayload(payload, keyText, issuerThumbprint ?? ""));
                matchesKey = true;
                for (var i = 0; i < LicenseRows.PayloadColumns.Length; i++)
                {
                    var row = reader.GetValue(i);
                    var signed = expected[i] ?? DBNull.Value;
                    if (SameValue(row, signed)) continue;
                    matchesKey = false;
                    problems.Add($"Licence {serial}: {columns[i]} is {Show(row)} in the store but {Show(signed)} in its signed key.");
                }
            }

            // The row against the chained log: its IssueKey entry (key digest, signer) and its revocation.
            if (!chain.Issued.TryGetValue(serial, out var issue))
                problems.Add($"Licence {serial} has no IssueKey audit entry.");
            else
            {
                if (keyText is not null && issue.KeyDigest is { } digest && !digest.Equals(LicenseRows.KeyDigest(keyText), StringComparison.OrdinalIgnoreCase))
                    problems.Add($"Licence {serial}: its key text is not the one audit entry {issue.EntryId} recorded at issue.");
                if (issue.Thumbprint is not null && !string.Equals(issue.Thumbprint, issuerThumbprint, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"Licence {serial}: issuer_thumbprint is {Show(issuerThumbprint)} but audit entry {issue.EntryId} recorded {issue.Thumbprint}.");
                // The fields the signature does not cover (StopgapFor, the override), which the issuance rules read.
                // (Not for an entry that does not match its hash: that is reported already, and the row may be fine.)
                if (matchesKey && !chain.Mismatched.Contains(issue.EntryId) && reader.GetValue(issueDetails) is string details && TryReadLicense(reader) is { } stored && !LicenseRows.RecordedAsIssued(stored, details))
                    problems.Add($"Licence {serial}: stopgap_for is {Show(reader.GetValue(stopgapForAt))} and policy_override {Show(reader.GetValue(overrideAt))} in the store, "
                                 + $"but audit entry {issue.EntryId} recorded it as issued with: {details.Split("; note=")[0].Split("; " + LicenseRows.KeyDigestField + "=")[0]}.");
            }
            var revoked = !reader.IsDBNull(revokedAt);
            var revocationEntry = chain.Revoked.GetValueOrDefault(serial);
            if (revoked && revocationEntry == 0)
                problems.Add($"Licence {serial} is marked revoked, but no RevokeKey audit entry records it.");
            else if (!revoked && revocationEntry != 0)
                problems.Add($"Licence {serial} was revoked (audit entry {revocationEntry}), but the licences table no longer says so.");
        }
        foreach (var (serial, issue) in chain.Issued)
            if (!seen.Contains(serial))
                problems.Add($"Licence {serial}, issued in audit entry {issue.EntryId}, is missing from the licences table.");
        return count;
    }

    private static LicenseRecord? TryReadLicense(DbDataReader reader)
    {
        try { return LicenseRows.Read(reader); }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or InvalidOperationException) { return null; }
    }

    // Each row of a table against the audit entry that last set it (by name, any case for products), and entries whose row is gone.
    private void CheckAgainstLog(string table, string nameColumn, string valueColumn, string noun,
        Dictionary<string, (long EntryId, string? Details)> logged, Func<string, string, bool> matches, ProblemList problems)
    {
        var seen = new HashSet<string>(logged.Comparer);
        using (var command = store.Command($"SELECT {nameColumn}, {valueColumn} FROM {table} ORDER BY {nameColumn}"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "(null)";
                var value = reader.GetValue(1) as string;
                seen.Add(name);
                if (!logged.TryGetValue(name, out var entry))
                    problems.Add($"{noun} {name} has no audit entry that set it: it was added outside the module.");
                else if (value is null || entry.Details is null || !matches(value, entry.Details))
                    problems.Add($"{noun} {name} is not what audit entry {entry.EntryId} set: it was changed outside the module.");
            }
        }
        foreach (var (name, entry) in logged)
            if (!seen.Contains(name))
                problems.Add($"{noun} {name}, set in audit entry {entry.EntryId}, is missing: it was deleted outside the module.");
    }

    private static bool SameValue(object row, object? expected) => (row, expected) switch
    {
        (DBNull, DBNull) => true,
        (long or int, long or int) => Convert.ToInt64(row) == Convert.ToInt64(expected),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => false,
    };

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => "'" + text + "'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string? KeyDigestOf(string? details)
    {
        if (details is null) return null;
        var marker = LicenseRows.KeyDigestField + "=";
        var at = details.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : details[(at + marker.Length)..].Split(';')[0].Trim();
    }

    /// <summary>Walks the log in id order, judging each entry's link on its own (against the stored hash before it).</summary>
    private sealed class ChainCheck(ProblemList problems)
    {
        private byte[] _previousHash = [];

        public long Count { get; private set; }
        public long LastId { get; private set; }
        public byte[] LastHash { get; private set; } = [];
        public long? FirstBrokenId { get; private set; }
        public bool SawCheckpoint { get; private set; }
        public Dictionary<string, (long EntryId, string? KeyDigest, string? Thumbprint)> Issued { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Revoked { get; } = new(StringComparer.Ordinal);
        /// <summary>Entries that do not match their hash: what they say cannot be held against a row.</summary>
        public HashSet<long> Mismatched { get; } = [];
        /// <summary>Per product (any case) and per setting: the entry that last set it, and its details.</summary>
        public Dictionary<string, (long EntryId, string? Details)> Products { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, (long EntryId, string? Details)> Settings { get; } = new(StringComparer.Ordinal);

        public void Add(AuditEntry entry, AuditAnchor? checkpoint)
        {
            Count++;
            var expectedId = LastId + 1;
            if (entry.Id > expectedId)
            {
                problems.Add(entry.Id == expectedId + 1
                    ? $"Audit entry {expectedId} is missing: it was deleted."
                    : $"Audit entries {expectedId} to {entry.Id - 1} are missing: they were deleted.");
                Broken(expectedId);
            }
            else if (!AuditChain.ComputeHash(_previousHash, entry).AsSpan().SequenceEqual(entry.Hash))
            {
                problems.Add($"Audit entry {entry.Id} ({entry.Action} {entry.Target}) does not match its hash: it, or the entry before it, was changed.");
                Mismatched.Add(entry.Id);
                Broken(entry.Id);
            }
            if (checkpoint is not null && entry.Id == checkpoint.Id)
            {
                SawCheckpoint = true;
                if (!checkpoint.Hash.AsSpan().SequenceEqual(entry.Hash))
                    problems.Add($"Audit entry {entry.Id} does not have the checkpoint's hash: the log was rewritten up to there.");
            }
            _previousHash = entry.Hash;
            (LastId, LastHash) = (entry.Id, entry.Hash);

            if (entry.Action == AuditActions.IssueKey && entry.Target is { } issued)
                Issued[issued] = (entry.Id, KeyDigestOf(entry.Details), entry.CertificateThumbprint);
            else if (entry.Action == AuditActions.RevokeKey && entry.Target is { } revoked)
                Revoked[revoked] = entry.Id;
            else if (entry.Action == AuditActions.SetProduct && entry.Target is { } product)
                Products[product] = (entry.Id, entry.Details);
            else if (entry.Action == AuditActions.ChangeSetting && entry.Target is { } setting)
                Settings[setting] = (entry.Id, entry.Details);
        }

        public void CheckAnchor(AuditAnchor? anchor, bool rowExists)
        {
            if (anchor is null)
            {
                if (rowExists) problems.Add($"The audit anchor (settings row '{AuditAnchor.SettingName}') is unreadable: it was edited.");
                else if (Count > 0) problems.Add($"The audit anchor (settings row '{AuditAnchor.SettingName}') is missing: it was deleted, or an older module wrote the log.");
                return;
            }
            if (anchor.Id > LastId)
            {
                problems.Add(anchor.Id == LastId + 1
                    ? $"Audit entry {anchor.Id}, the newest the anchor records, is missing: the end of the log was cut."
                    : $"Audit entries {LastId + 1} to {anchor.Id} are missing: the end of the log was cut.");
                Broken(LastId + 1);
            }
            else if (anchor.Id < LastId)
            {
                problems.Add($"Audit entries after {anchor.Id} were added without moving the anchor: by hand, or by an older module.");
                Broken(anchor.Id + 1);
            }
            else if (!anchor.Hash.AsSpan().SequenceEqual(LastHash))
            {
                problems.Add($"Audit entry {LastId} does not have the hash the anchor records: it was rewritten.");
                Broken(LastId);
            }
        }

        private void Broken(long id) => FirstBrokenId = FirstBrokenId is { } first && first <= id ? first : id;
    }

    /// <summary>Keeps the first problems and counts the rest, so a ruined store gives a readable report.</summary>
    private sealed class ProblemList
    {
        private readonly List<string> _listed = [];
        private long _more;

        public void Add(string problem)
        {
            if (_listed.Count < MaxProblemsListed) _listed.Add(problem);
            else _more++;
        }

        public List<string> ToList() => _more == 0 ? [.. _listed] : [.. _listed, $"... and {_more:N0} more problems."];
    }
}

