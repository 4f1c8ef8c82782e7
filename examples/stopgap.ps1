# The self-service stopgap flow the seed describes: a customer's paid licence lapsed; one command
# gives them a 30-day trial-edition key with the paid features; the renewal later starts at the
# old expiry. After `dotnet build`, from the repository root:
#   dotnet pwsh -File examples/stopgap.ps1
# It works in a fresh temporary store unless you pass -StorePath.
#Requires -Version 7.6
param(
    [string] $StorePath = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "inedolicense-stopgap-$([guid]::NewGuid().ToString('N'))", 'licenses.db')
)
$ErrorActionPreference = 'Stop'
# The module this checkout lays out (out/InedoLicense/<version>/), else the one installed.
$laidOut = Join-Path $PSScriptRoot '../out/InedoLicense'
Import-Module $(if (Test-Path $laidOut) { $laidOut } else { 'InedoLicense' })

$null = New-LicenseAuthority -StorePath $StorePath -NoPassword # a throw-away authority
# A term that ended a month ago: New-License warns that it is already over, which is the point here.
$lapsed = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Enterprise -NotBefore ([DateTimeOffset]::UtcNow.AddMonths(-13)) -Months 12 -StorePath $StorePath -WarningAction SilentlyContinue
"== The paid licence lapsed on $($lapsed.ExpiresAt.ToString('u'))"

# The one command: pick the product, get the key.
$timer = [System.Diagnostics.Stopwatch]::StartNew()
$stopgap = New-StopgapLicense -Product ProGet -Customer 'Contoso Ltd' -Reason PurchaseOrderPending -StorePath $StorePath
$issueMs = $timer.Elapsed.TotalMilliseconds

# The product enters the key and checks it with the trust bundle.
$timer.Restart()
$check = $stopgap.Key | Test-LicenseKey -Product ProGet -StorePath $StorePath
$verifyMs = $timer.Elapsed.TotalMilliseconds
$check | Out-Default
"Edition $($check.Edition), banner '$($check.Banner)', features: $($check.Features -join ', ')"
"New-StopgapLicense took {0:N0} ms, Test-LicenseKey {1:N0} ms (first calls in this process)" -f $issueMs, $verifyMs

# Another customer, warm: what a portal serving many requests sees.
$timer.Restart()
$null = New-StopgapLicense -Product BuildMaster -Customer 'Fabrikam Inc' -StorePath $StorePath
"A second New-StopgapLicense took {0:N0} ms" -f $timer.Elapsed.TotalMilliseconds

"== The renewal starts at the old expiry, not today"
$renewal = Get-License -Serial $lapsed.Serial -StorePath $StorePath | New-License -StorePath $StorePath
"{0:u} -> {1:u}" -f $renewal.NotBefore, $renewal.ExpiresAt
if ($renewal.NotBefore -ne $lapsed.ExpiresAt) { throw "The renewal should start at $($lapsed.ExpiresAt)" }
