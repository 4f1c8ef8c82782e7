# Bench 2b in real pwsh: $rows | New-License over the rows of a CSV file, timed inside this process.
# Run by the bench (EngineScenarios.RealPwsh); prints "name value" lines: the rate of each run and their median, and
# for each run what the process spent on it (CPU of all its threads per key, in µs) and its garbage collections.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $Folder,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [int] $Repeats = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$rows = Import-Csv -LiteralPath $CsvPath
$rates = foreach ($run in 1..$Repeats) {
    $store = Join-Path $Folder "pwsh-$run-$([guid]::NewGuid().ToString('N')).db"
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $cpu = $process.TotalProcessorTime
    $collections = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $rows | New-License -StorePath $store -CertificatePath $CertificatePath | Out-Null
    $watch.Stop()
    $process.Refresh()
    "cpu_$run $([math]::Round(($process.TotalProcessorTime - $cpu).TotalMilliseconds * 1000 / $rows.Count, 1))"
    foreach ($generation in 0..2) { "gen${generation}_$run $([GC]::CollectionCount($generation) - $collections[$generation])" }
    $issued = @(Get-License -StorePath $store -Kind License).Count
    if ($issued -ne $rows.Count) { throw "run ${run}: $issued of $($rows.Count) keys issued" }
    $rate = $rows.Count / $watch.Elapsed.TotalSeconds
    "run_$run $([math]::Round($rate, 1))"
    $rate
}
$numbers = @($rates | Where-Object { $_ -is [double] } | Sort-Object)
$rates | Where-Object { $_ -is [string] }
"median $([math]::Round($numbers[[int][math]::Floor($numbers.Count / 2)], 1))"
