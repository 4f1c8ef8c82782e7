# Runs a script in a child pwsh, the same pwsh as this one, and returns its exit code and output.
# Dot-sourced by the tests tagged Slow (they start processes).
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string[]] $Arguments,
        # Environment variables to set in the child; a $null value removes the variable.
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
    )
    # pwsh runs either as its own executable or as pwsh.dll under dotnet (the local tool).
    $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in @('-NoProfile', '-NonInteractive') + $Arguments) { $start.ArgumentList.Add($argument) }
    foreach ($variable in $Environment.GetEnumerator()) {
        if ($null -eq $variable.Value) { $null = $start.Environment.Remove($variable.Key) } else { $start.Environment[$variable.Key] = $variable.Value }
    }
    $start.WorkingDirectory = $WorkingDirectory
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output; Errors = $errors.Result }
    } finally {
        $process.Dispose()
    }
}
