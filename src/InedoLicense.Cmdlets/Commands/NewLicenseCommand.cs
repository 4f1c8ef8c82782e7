using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Issues a free or paid product licence key and records it.</summary>
[Cmdlet(VerbsCommon.New, "License", SupportsShouldProcess = true)]
[OutputType(typeof(LicenseRecord))]
public sealed class NewLicenseCommand : SigningCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Product { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Customer { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Edition { get; set; } = "";

    /// <summary>When the key stops working. Without it the key is perpetual.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DateTimeOffset? ExpiresAt { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"{Product} {Edition} for {Customer}", "Issue licence key")) return;
        var payload = KeyIssuer.NewPayload(LicenseKind.License) with
        {
            Product = Product,
            Customer = Customer,
            Edition = Edition,
            ExpiresAt = ExpiresAt is { } end ? DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds()) : null,
        };
        Issue(payload);
    }
}
