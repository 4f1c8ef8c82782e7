#requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests, packages and benchmarks the InedoLicense module, and runs the quickstart.
.DESCRIPTION
    Build       dotnet build: lays the module out, with its MAML help, in out/InedoLicense/<version>/.
    Test        Build, then every test: the xunit suites (dotnet test) and the Pester suite in
                tests/Pester, run in a child pwsh against the laid-out module. Ends with one line,
                "tests: N passed, N failed, N skipped", over both; fails when any test fails.
    Package     a .nupkg of the laid-out module, publishable to the PowerShell Gallery, in out/; and the
                InedoLicense.Verification package for products (net8.0, net10.0) in out/packages/,
                which samples/ restore from.
    Bench       the benchmark in Release; writes docs/design/performance.md.
    Quickstart  Build, then examples/quickstart.ps1 in a child pwsh.
    Run it with the pinned pwsh: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.PARAMETER Tier
    Fast leaves out the slow tier: the xunit tests marked [Trait("Tier", "Slow")] (real pwsh
    processes, kill -9, concurrency) and the Pester tests tagged Slow. CI runs All.
.PARAMETER PesterPath
    Runs these Pester files (or folders) instead of the whole of tests/Pester, and no xunit tests.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
    Builds and runs every test.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Tier Fast
    Builds and runs the fast tier only (a minute or two).
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -PesterPath tests/Pester/InedoLicense.Issuing.Tests.ps1
    Builds and runs one Pester file.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Bench', 'Quickstart')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [ValidateSet('Fast', 'All')]
    [string] $Tier = 'All',

    [string[]] $PesterPath
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

# Pinned once, where the engine tests' project downloads it.
$PesterVersion = ([xml](Get-Content -Raw tests/InedoLicense.Engine.Tests/InedoLicense.Engine.Tests.csproj)).Project.PropertyGroup.PesterVersion | Where-Object { $_ } | Select-Object -First 1
$version = ([xml](Get-Content -Raw Directory.Build.props)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
$moduleManifest = Join-Path $PSScriptRoot "out/InedoLicense/$version/InedoLicense.psd1"

function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

# The same pwsh as this one, in a child process: Pester and the examples never load the module's
# DLLs into the build session, and each run starts from a clean engine.
function Invoke-ChildPwsh([string[]] $Arguments) {
    & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @Arguments | Out-Host
    $LASTEXITCODE
}

function Invoke-XunitTests {
    $filter = if ($Tier -eq 'Fast') { @('--filter', 'Tier!=Slow') } else { @() }
    $lines = [System.Collections.Generic.List[string]]::new()
    dotnet test InedoLicense.sln -c $Configuration --no-build @filter 2>&1 | ForEach-Object { $lines.Add("$_"); Write-Host $_ }
    $exitCode = $LASTEXITCODE
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($line in $lines) {
        if ($line -match '(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)') {
            $counts.Failed += [int]$Matches[2]; $counts.Passed += [int]$Matches[3]; $counts.Skipped += [int]$Matches[4]
        }
    }
    # A build or host failure prints no summary: count it as a failure, never as nothing run.
    if ($exitCode -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
    $counts
}

function Invoke-PesterTests {
    $pester = Join-Path (dotnet nuget locals global-packages --list).Split(': ', 2)[1] "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion is not restored at ${pester}: run 'dotnet restore InedoLicense.sln'." }
    $paths = if ($PesterPath) { $PesterPath | ForEach-Object { (Resolve-Path $_).Path } } else { @(Join-Path $PSScriptRoot 'tests/Pester') }
    $resultFile = Join-Path ([IO.Path]::GetTempPath()) "inedolicense-pester-$PID.json"
    $arguments = @('-File', (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-PesterManifest', $pester, '-ModuleManifest', $moduleManifest, '-ResultFile', $resultFile,
        '-Path', ($paths -join [IO.Path]::PathSeparator))
    if ($Tier -eq 'Fast') { $arguments += '-ExcludeTag', 'Slow' }
    $exitCode = Invoke-ChildPwsh $arguments
    if ($exitCode -ne 0 -or -not (Test-Path $resultFile)) { return @{ Passed = 0; Failed = 1; Skipped = 0 } }
    $counts = Get-Content -Raw $resultFile | ConvertFrom-Json -AsHashtable
    Remove-Item $resultFile
    $counts
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' {
            Invoke-Native { dotnet build InedoLicense.sln -c $Configuration }
        }
        'Test' {
            if ($Task -notcontains 'Build') { Invoke-Native { dotnet build InedoLicense.sln -c $Configuration } }
            $totals = @{ Passed = 0; Failed = 0; Skipped = 0 }
            $suites = if ($PesterPath) { @('Pester') } else { @('xunit', 'Pester') }
            foreach ($suite in $suites) {
                $counts = if ($suite -eq 'xunit') { Invoke-XunitTests } else { Invoke-PesterTests }
                Write-Host ("{0}: {1} passed, {2} failed, {3} skipped" -f $suite, $counts.Passed, $counts.Failed, $counts.Skipped)
                foreach ($key in 'Passed', 'Failed', 'Skipped') { $totals[$key] += $counts[$key] }
            }
            # The one closing line CI reads.
            Write-Host ("tests: {0} passed, {1} failed, {2} skipped" -f $totals.Passed, $totals.Failed, $totals.Skipped)
            if ($totals.Failed -gt 0) { exit 1 }
        }
        'Package' {
            # A target of its own, not a build: a build lays the module out afresh.
            Invoke-Native { dotnet msbuild src/InedoLicense.Cmdlets -t:PackModule -p:Configuration=$Configuration }
            Invoke-Native { dotnet pack src/InedoLicense.Verification -c $Configuration }
            # The samples' own package folder would keep the previous package of the same version.
            Remove-Item -Recurse -Force (Join-Path $PSScriptRoot 'out/samples/packages/inedolicense.verification') -ErrorAction Ignore
        }
        'Bench' {
            Invoke-Native { dotnet run -c Release --project bench/InedoLicense.Bench -- --write docs/design/performance.md }
        }
        'Quickstart' {
            if ($Task -notcontains 'Build') { Invoke-Native { dotnet build InedoLicense.sln -c $Configuration -v quiet } }
            $exitCode = Invoke-ChildPwsh '-File', (Join-Path $PSScriptRoot 'examples/quickstart.ps1')
            if ($exitCode -ne 0) { exit $exitCode }
        }
    }
}
