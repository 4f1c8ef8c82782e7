# Runs Pester scenarios against the laid-out module and writes the counts to a JSON file.
# build.ps1 -Task Test runs it in a child pwsh, so the build session never loads the module's DLLs.
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Files or folders, separated by the platform's path separator (pwsh -File passes one string).
    [Parameter(Mandatory)] [string] $Path,
    [string] $ExcludeTag,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest
$env:INEDOLICENSE_MODULE = $ModuleManifest
$config = New-PesterConfiguration
$config.Run.Path = $Path.Split([IO.Path]::PathSeparator)
$config.Run.PassThru = $true
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config
# A failed BeforeAll or a file that does not parse fails its block or container, not a test: count those too.
[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $ResultFile
