# Run by InedoLicense.Package.Tests.ps1 in a child pwsh whose HOME is a temporary folder: installs the
# module from a local folder repository with PSResourceGet, imports it by name and writes what Get-Help
# shows to -ResultFile (JSON). The repository is unregistered at the end whatever happens.
param(
    [Parameter(Mandatory)] [string] $Repository,
    [Parameter(Mandatory)] [string] $ResultFile,
    # Where the module goes on Windows, where HOME does not move the per-user folders.
    [Parameter(Mandatory)] [string] $SavePath
)
$ErrorActionPreference = 'Stop'
$name = "InedoLicenseTest$PID"
Register-PSResourceRepository -Name $name -Uri $Repository -Trusted
try {
    if ($IsWindows) {
        Save-PSResource -Name InedoLicense -Repository $name -Path $SavePath -TrustRepository
        $env:PSModulePath = $SavePath + [IO.Path]::PathSeparator + $env:PSModulePath
    } else {
        Install-PSResource -Name InedoLicense -Repository $name -Scope CurrentUser -TrustRepository
    }
    Import-Module InedoLicense
    $module = Get-Module InedoLicense
    [ordered]@{
        RepositoryStore = [IO.Path]::Combine([Environment]::GetFolderPath('LocalApplicationData'), 'PSResourceGet', 'PSResourceRepository.xml')
        Installed       = @(Get-InstalledPSResource -Name InedoLicense -ErrorAction Ignore).InstalledLocation
        ModuleBase      = $module.ModuleBase
        Version         = "$($module.Version)"
        Help            = Get-Help New-StopgapLicense -Examples | Out-String -Width 250
        ExampleTitles   = @((Get-Help New-StopgapLicense).Examples.Example.Title)
    } | ConvertTo-Json | Set-Content -LiteralPath $ResultFile
} finally {
    Unregister-PSResourceRepository -Name $name
}
