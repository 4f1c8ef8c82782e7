#requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests and documents the InedoLicense module.
.DESCRIPTION
    Build: dotnet build (lays the module out in out/InedoLicense/<version>/).
    Test:  dotnet test.
    Every task has a dotnet-only equivalent in the README for machines without pwsh.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

foreach ($name in $Task) {
    switch ($name) {
        'Build' { dotnet build InedoLicense.sln -c $Configuration }
        'Test' { dotnet test InedoLicense.sln -c $Configuration }
    }
    if ($LASTEXITCODE -ne 0) { throw "Task $name failed (exit code $LASTEXITCODE)." }
}
