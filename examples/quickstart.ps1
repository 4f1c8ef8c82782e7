# The main job, start to end: create an authority, issue keys, list them, verify them,
# revoke one and verify it again. After `dotnet build`, from the repository root:
#   dotnet pwsh -File examples/quickstart.ps1
# It works in a fresh temporary store unless you pass -StorePath.
#Requires -Version 7.6
param(
    [string] $StorePath = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "inedolicense-quickstart-$([guid]::NewGuid().ToString('N'))", 'licenses.db')
)
$ErrorActionPreference = 'Stop'
# The module this checkout lays out (out/InedoLicense/<version>/), else the one installed.
$laidOut = Join-Path $PSScriptRoot '../out/InedoLicense'
Import-Module $(if (Test-Path $laidOut) { $laidOut } else { 'InedoLicense' })
$started = [System.Diagnostics.Stopwatch]::StartNew()

"== Authority (root, Issuer and SuperAdmin certificates, trust bundle)"
$authority = New-LicenseAuthority -StorePath $StorePath -NoPassword # a throw-away authority: no password, on purpose
$authority | Out-Default

"== Issue keys"
$keys = @(
    New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -ExpiresAt ([DateTimeOffset]::UtcNow.AddMonths(12)) -StorePath $StorePath
    New-License -Product BuildMaster -Customer 'Fabrikam Inc' -Edition Free -StorePath $StorePath
)
$keys | Out-Default

"== The store"
Get-License -StorePath $StorePath | Out-Default

"== Verify with only the trust bundle"
$keys | Test-LicenseKey -TrustBundle $authority.TrustBundlePath -StorePath $StorePath | Out-Default

"== Revoke the first key, then verify it again"
$keys[0] | Revoke-License -Reason 'Quickstart demo' -Confirm:$false -StorePath $StorePath
$again = $keys[0] | Test-LicenseKey -TrustBundle $authority.TrustBundlePath -StorePath $StorePath
$again | Out-Default
if ($again.Status -ne 'Revoked') { throw "Expected Revoked, got $($again.Status)" }

"Quickstart finished in $([int]$started.Elapsed.TotalMilliseconds) ms; store: $StorePath"
