# Dot-sourced by every *.Tests.ps1 (in BeforeDiscovery and BeforeAll): imports the module under test and
# defines the helpers the scenarios share. build.ps1 -Task Test sets $env:INEDOLICENSE_MODULE to the
# laid-out manifest; run by hand, the scenarios import this checkout's out/ folder (dotnet build first).
$ModuleManifest = if ($env:INEDOLICENSE_MODULE) {
    $env:INEDOLICENSE_MODULE
} else {
    $repoRoot = Join-Path $PSScriptRoot '../..'
    $version = ([xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    Join-Path $repoRoot "out/InedoLicense/$version/InedoLicense.psd1"
}
if (-not (Test-Path $ModuleManifest)) { throw "No laid-out module at ${ModuleManifest}: run 'dotnet build' first." }
Import-Module $ModuleManifest -ErrorAction Stop

# A fresh store (and the default authority beside it) in TestDrive, used by every command through
# $env:INEDOLICENSE_STORE. Returns the authority.
function New-TestStore {
    $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    $env:INEDOLICENSE_STORE = Join-Path $folder 'licenses.db'
    New-LicenseAuthority -NoPassword # a throw-away authority per test
}

# A paid licence in the current test store.
function New-TestLicense([string] $Customer = 'Contoso Ltd', [string] $Product = 'ProGet') {
    New-License -Product $Product -Customer $Customer -Edition Basic
}
