# Module manifest for InedoLicense.
# ModuleVersion is stamped from Directory.Build.props when the module is laid out (dotnet build); do not edit it here.
@{
    RootModule           = 'InedoLicense.Cmdlets.dll'
    # Imported before RootModule: puts the dependency resolver in place (src/InedoLicense.Loader).
    NestedModules        = @('InedoLicense.Loader.dll')
    ModuleVersion        = '0.0.0'
    GUID                 = '5f0f6a51-7d0e-4a4e-9a51-2b1c9d3e8f47'
    Author               = 'InedoLicense'
    CompanyName          = 'InedoLicense'
    Copyright            = '(c) InedoLicense. All rights reserved.'
    Description          = 'An offline licence authority: issues licence keys as CMS SignedData, records them in a local SQLite store, and verifies them with only the vendor''s trust bundle.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('InedoLicense.format.ps1xml')
    CmdletsToExport      = @(
        'ConvertFrom-LicenseKey'
        'Get-License'
        'Get-LicenseTtlPolicy'
        'Get-MacId'
        'Get-TemporaryOrgLicense'
        'New-AgentLicense'
        'New-License'
        'New-LicenseAuthority'
        'New-LicenseIssuer'
        'New-TemporaryOrgLicense'
        'Revoke-License'
        'Set-LicenseTtlPolicy'
        'Test-LicenseKey'
        'Get-LicenseProduct'
        'Set-LicenseProduct'
        'Import-LicenseProduct'
        'New-StopgapLicense'
        'Test-LicenseStore'
        'Export-LicenseRevocationList'
        'Copy-LicenseStore'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            # The package's tags (PackModule writes these into its nuspec).
            Tags       = @('License', 'Licensing', 'CMS', 'PKCS7', 'X509', 'SQLite')
            # No ProjectUri and no LicenseUri: the project has no public home page, and the repository no licence
            # file to point at (its terms are the Copyright above). A link that leads nowhere is worse than none; add
            # them here when there is something to link to, and the package carries them (projectUrl, licenseUrl).
        }
    }
}
