#requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests, documents, packages and benchmarks the InedoLicense module.
.DESCRIPTION
    Build    dotnet build: lays the module out in out/InedoLicense/<version>/.
    Test     dotnet test, then the Pester 5 scenarios in tests/Pester in a child pwsh (so this
             session never loads, and locks, the module's assemblies).
    Docs     New-ExternalHelp from docs/*.md into the laid-out module's en-US folder (MAML),
             installing the pinned platyPS with PSResourceGet when it is missing.
    Package  a .nupkg of the laid-out module, publishable to the PowerShell Gallery, in out/.
    Bench    the benchmark in Release; writes docs/performance.md.
    The README gives a dotnet-only equivalent of each task for machines without pwsh.
.EXAMPLE
    ./build.ps1
    Builds and tests.
.EXAMPLE
    ./build.ps1 -Task Build, Docs, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Bench')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

# The one place tool versions are pinned.
$PinnedModules = @{
    Pester  = '5.7.1'
    platyPS = '0.14.2'
}

$version = ([xml](Get-Content -Raw Directory.Build.props)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
$moduleFolder = Join-Path $PSScriptRoot "out/InedoLicense/$version"

function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

function Install-PinnedModule([string] $Name) {
    $wanted = $PinnedModules[$Name]
    if (-not (Get-Module -ListAvailable -Name $Name | Where-Object Version -EQ $wanted)) {
        Write-Host "Installing $Name $wanted"
        Install-PSResource -Name $Name -Version $wanted -Scope CurrentUser -TrustRepository -Quiet
    }
}

# Pester and platyPS run in a child process: the build session never loads the module's DLLs.
function Invoke-Child([string] $Script) {
    Invoke-Native { pwsh -NoProfile -NonInteractive -Command $Script }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' {
            Invoke-Native { dotnet build InedoLicense.sln -c $Configuration }
        }
        'Test' {
            Invoke-Native { dotnet test InedoLicense.sln -c $Configuration }
            Install-PinnedModule Pester
            Invoke-Child @"
Import-Module Pester -RequiredVersion $($PinnedModules.Pester)
`$config = New-PesterConfiguration
`$config.Run.Path = '$PSScriptRoot/tests/Pester'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$env:INEDOLICENSE_MODULE = '$moduleFolder/InedoLicense.psd1'
Invoke-Pester -Configuration `$config
"@
        }
        'Docs' {
            Install-PinnedModule platyPS
            Invoke-Child @"
Import-Module platyPS -RequiredVersion $($PinnedModules.platyPS)
New-ExternalHelp -Path '$PSScriptRoot/docs' -OutputPath '$PSScriptRoot/out/help/en-US' -Force | Out-Null
"@
            # The layout picks the MAML up from out/help on every build; copy it into this build's layout too.
            Copy-Item "$PSScriptRoot/out/help/en-US/*" -Destination "$moduleFolder/en-US" -Force
        }
        'Package' {
            # A target of its own, not a build: a build lays the module out afresh.
            Invoke-Native { dotnet msbuild src/InedoLicense.Cmdlets -t:PackModule -p:Configuration=$Configuration }
        }
        'Bench' {
            Invoke-Native { dotnet run -c Release --project bench/InedoLicense.Bench -- --write docs/performance.md }
        }
    }
}
