# Compares what an example printed with the output its page shows, on what is stable: error and warning
# messages, table columns and row counts, list property names, and table rows, property values and text
# lines once serials, thumbprints, times, durations and paths are masked. Dot-sourced by
# InedoLicense.Examples.Tests.ps1.

# Values that differ from run to run, masked before comparing: serials, thumbprints and hashes; moments
# with a time of day (they come from "now"; a date alone, or midnight, comes from the example's own
# dates, as in a renewal's term, and is compared); durations; paths.
function Hide-VolatileText([string] $Text) {
    $Text = $Text -replace '\b[0-9A-Fa-f]{16,}\b', '<hex>'
    $Text = $Text -replace '\b\d{4}-\d{2}-\d{2}[ T](?!00:00:00)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?Z| UTC| ?[+-]\d{2}:\d{2})?', '<time>'
    $Text = $Text -replace '\b\d{1,2}/\d{1,2}/\d{4} (?!00:00:00)\d{1,2}:\d{2}:\d{2}(?: [AP]M)?(?: [+-]\d{2}:\d{2})?', '<time>'
    $Text = $Text -replace '\b\d+h \d+m\b', '<duration>'
    $Text = $Text -replace '(?<![\w.~])(?:[A-Za-z]:\\|/)[^\s''",;]*[\w/]', '<path>'
    ($Text -replace '\s+', ' ').Trim()
}

# Output text (as a page shows it, or as Out-String renders objects) in parts: errors and warnings
# ('Cmdlet-Name: message', 'WARNING: message'), tables (a header over a line of dashes), lists
# ('Name : value' lines) and other text lines. 'What if:' lines are left out: pwsh writes them to the
# host, where no redirection reaches them.
function ConvertFrom-OutputText([string] $Text) {
    $lines = @($Text -split '\r?\n')
    $parts = [ordered]@{
        Errors   = [System.Collections.Generic.List[string]]::new()
        Warnings = [System.Collections.Generic.List[string]]::new()
        Tables   = [System.Collections.Generic.List[object]]::new()
        Lists    = [System.Collections.Generic.List[object]]::new()
        Text     = [System.Collections.Generic.List[string]]::new()
    }
    $isDashes = { param($line) $line -match '^\s*-+( +-+)*\s*$' -and $line.Trim() -ne '' }
    $isListLine = { param($line) $line -match '^(\S[^:]*?) +: ?(.*)$' }
    $i = 0
    while ($i -lt $lines.Count) {
        $line = $lines[$i]
        if ($line.Trim() -eq '') { $i++; continue }
        $message = $null
        if ($line -match '^WARNING: (.*)$') { $message = 'Warnings' }
        elseif ($line -match '^([A-Za-z]+-[A-Za-z]+): (.*)$' -and (Get-Command $Matches[1] -ErrorAction Ignore)) { $message = 'Errors' }
        if ($message) {
            $textOf = $Matches[$Matches.Count - 1]
            for ($i++; $i -lt $lines.Count -and $lines[$i].Trim() -ne '' -and $lines[$i] -notmatch '^(WARNING|What if|[A-Za-z]+-[A-Za-z]+): ' -and -not ($i + 1 -lt $lines.Count -and (& $isDashes $lines[$i + 1])); $i++) {
                $textOf += ' ' + $lines[$i]
            }
            $parts[$message].Add((Hide-VolatileText $textOf))
            continue
        }
        if ($line -match '^What if: ') {
            for ($i++; $i -lt $lines.Count -and $lines[$i].Trim() -ne '' -and $lines[$i] -notmatch '^\S+: '; $i++) { }
            continue
        }
        if ($i + 1 -lt $lines.Count -and (& $isDashes $lines[$i + 1])) {
            # The dashes underline each column's name, whichever side the column is aligned to.
            $header = $lines[$i].PadRight($lines[$i + 1].Length)
            $columns = [regex]::Matches($lines[$i + 1], '-+') | ForEach-Object { $header.Substring($_.Index, $_.Length).Trim() }
            $rows = [System.Collections.Generic.List[string]]::new()
            for ($i += 2; $i -lt $lines.Count -and $lines[$i].Trim() -ne ''; $i++) { $rows.Add((Hide-VolatileText $lines[$i])) }
            $parts.Tables.Add([pscustomobject]@{ Columns = @($columns); Rows = $rows })
            continue
        }
        if ((& $isListLine $line) -and $i + 1 -lt $lines.Count -and (& $isListLine $lines[$i + 1])) {
            $properties = [ordered]@{}
            $name = $null
            for (; $i -lt $lines.Count -and $lines[$i].Trim() -ne ''; $i++) {
                if ($lines[$i] -match '^(\S[^:]*?) +: ?(.*)$') { $name = $Matches[1]; $properties[$name] = $Matches[2] }
                elseif ($name) { $properties[$name] += $lines[$i].Trim() } # a long value wraps, even inside a word
            }
            foreach ($key in @($properties.Keys)) { $properties[$key] = Hide-VolatileText $properties[$key] }
            $parts.Lists.Add($properties)
            continue
        }
        $parts.Text.Add($line)
        $i++
    }
    [pscustomobject]$parts
}

# The differences between the output a page shows and what the example printed; none when they agree.
# -ShapeOnly compares only table columns and list property names (output that depends on the machine).
function Compare-ExampleOutput {
    param([string] $Expected, [object] $Actual, [switch] $ShapeOnly)
    $want = ConvertFrom-OutputText $Expected
    $differences = [System.Collections.Generic.List[string]]::new()
    $compare = {
        param($what, $expected, $actual)
        $e = @($expected) -join ' | '
        $a = @($actual) -join ' | '
        if ($e -cne $a) { $differences.Add("${what}:`n    shown:   $e`n    printed: $a") }
    }
    & $compare 'table columns' ($want.Tables | ForEach-Object { $_.Columns -join ', ' }) ($Actual.Tables | ForEach-Object { $_.Columns -join ', ' })
    & $compare 'list properties' ($want.Lists | ForEach-Object { $_.Keys -join ', ' }) ($Actual.Lists | ForEach-Object { $_.Keys -join ', ' })
    if ($ShapeOnly) { return $differences }
    & $compare 'errors' $want.Errors $Actual.Errors
    & $compare 'warnings' $want.Warnings $Actual.Warnings
    & $compare 'table row counts' ($want.Tables | ForEach-Object { $_.Rows.Count }) ($Actual.Tables | ForEach-Object { $_.Rows.Count })
    for ($t = 0; $t -lt [Math]::Min($want.Tables.Count, $Actual.Tables.Count); $t++) {
        & $compare "table $($t + 1) rows" $want.Tables[$t].Rows $Actual.Tables[$t].Rows
    }
    # Where a long value wraps depends on the width: compare list values without their white space.
    & $compare 'list values' ($want.Lists | ForEach-Object { ($_.Values -replace '\s', '') -join ' ; ' }) ($Actual.Lists | ForEach-Object { ($_.Values -replace '\s', '') -join ' ; ' })
    & $compare 'text' (Hide-VolatileText ($want.Text -join "`n")) (Hide-VolatileText ($Actual.Text -join "`n"))
    $differences
}
