using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Decodes a key without trusting it: payload fields, signer key identifier and the raw CMS.</summary>
[Cmdlet(VerbsData.ConvertFrom, "LicenseKey")]
[OutputType(typeof(DecodedLicenseKey))]
public sealed class ConvertFromLicenseKeyCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] Key { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var key in Key)
        {
            try
            {
                WriteObject(DecodedLicenseKey.Decode(key));
            }
            catch (LicenseKeyFormatException e)
            {
                WriteError(Errors.Record(ErrorIds.MalformedLicenseKey, ErrorCategory.InvalidData, key, e));
            }
        }
    }
}
