using System.Management.Automation;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Lists the keys recorded in the store, newest first. Text filters accept wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "License")]
[OutputType(typeof(LicenseRecord))]
public sealed class GetLicenseCommand : StoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string[]? Serial { get; set; }

    [Parameter]
    public LicenseKind? Kind { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Customer { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string? Product { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string? OrganizationId { get; set; }

    [Parameter]
    [ValidateSet("Active", "Expired", "Revoked", "NotYetValid")]
    public string? Status { get; set; }

    /// <summary>Only keys that expire within this span from now (and are not revoked): 30d, 4h, 2w, or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? ExpiringWithin { get; set; }

    protected override void ProcessRecord()
    {
        var serials = new List<string>();
        foreach (var text in Serial ?? [])
        {
            if (SerialOrError(text) is { } serial) serials.Add(serial);
        }
        if (Serial is not null && serials.Count == 0) return;

        var query = new LicenseQuery
        {
            Serials = Serial is null ? null : serials,
            Kind = Kind,
            Customer = Customer,
            Product = Product,
            OrganizationId = OrganizationId,
            Status = Status is null ? null : Enum.Parse<RecordState>(Status, ignoreCase: true),
            ExpiringWithin = ExpiringWithin,
        };
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in Store.Licenses.Query(query))
        {
            found.Add(record.Serial);
            WriteObject(record);
        }
        foreach (var missing in serials.Where(s => !found.Contains(s))) WriteLicenseNotFound(missing);
    }
}
