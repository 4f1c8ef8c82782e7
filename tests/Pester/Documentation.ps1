# What the documentation says, read for the help and example tests: the platyPS pages of docs/ (one per
# cmdlet), the other pages of docs/, README.md, the about_ topics of module/ and the scripts of examples/.
# Dot-sourced; defines functions only. The build turns the same pages into MAML with its own reader
# (src/InedoLicense.HelpBuilder); this one is deliberately separate, so the tests do not trust it.

$DocumentationRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# Headings, fenced code blocks (with their info string: 'powershell', 'output', 'csv customers.csv') and
# text blocks of a markdown page. A line starting with '#' inside a fence is code, not a heading.
function Get-MarkdownBlock([string] $Markdown) {
    $lines = $Markdown -split '\r?\n'
    $blocks = [System.Collections.Generic.List[object]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    for ($i = 0; $i -le $lines.Count; $i++) {
        $line = if ($i -lt $lines.Count) { $lines[$i] } else { '' }
        $isFence = $line -match '^ {0,3}(`{3,}|~{3,})(.*)$'
        $isHeading = -not $isFence -and $line -match '^(#{1,6})\s+(.*?)\s*$'
        if ($text.Count -gt 0 -and ($isFence -or $isHeading -or $line.Trim() -eq '')) {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Level = 0; Info = ''; Text = $text -join "`n" })
            $text.Clear()
        }
        if ($isFence) {
            $fence = $Matches[1]
            $info = $Matches[2].Trim()
            $body = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i].Trim() -notmatch "^$([regex]::Escape($fence))$([regex]::Escape($fence[0]))*$"; $i++) { $body.Add($lines[$i]) }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Level = 0; Info = $info; Text = $body -join "`n" })
        } elseif ($isHeading) {
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Info = ''; Text = $Matches[2] })
        } elseif ($line.Trim() -ne '') {
            $text.Add($line)
        }
    }
    $blocks
}

# The blocks under one '## Section' heading.
function Get-MarkdownSection([object[]] $Blocks, [string] $Name) {
    $inside = $false
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -le 2) { $inside = $block.Level -eq 2 -and $block.Text -eq $Name; continue }
        if ($inside) { $block }
    }
}

# Splits blocks at '### ' headings: one entry per heading, with the blocks under it.
function Split-MarkdownSubsection([object[]] $Blocks) {
    $current = $null
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -eq 3) {
            if ($current) { $current }
            $current = [pscustomobject]@{ Title = $block.Text; Blocks = [System.Collections.Generic.List[object]]::new() }
        } elseif ($current) {
            $current.Blocks.Add($block)
        }
    }
    if ($current) { $current }
}

# Text as Get-Help shows it, for comparing: links read 'text (url)', white space is one space.
function ConvertTo-ComparableText([string] $Text) {
    (($Text -replace '\[([^\]]+)\]\(([^)\s]+)\)', '$1 ($2)') -replace '\s+', ' ').Trim()
}

# A cmdlet page of docs/ (one whose front matter names an external help file), or nothing.
function Get-CmdletPage([string] $Path) {
    $markdown = Get-Content -Raw -LiteralPath $Path
    if ($markdown -notmatch '(?m)\A---\s*$[\s\S]*?^external help file:\s*\S') { return }
    $blocks = @(Get-MarkdownBlock ($markdown -replace '(?s)\A---.*?\n---\s*\n', ''))
    $text = { param($section) (@(Get-MarkdownSection $blocks $section | Where-Object Kind -eq 'Text').Text -join "`n") }
    $parameters = [ordered]@{}
    foreach ($parameter in Split-MarkdownSubsection @(Get-MarkdownSection $blocks 'PARAMETERS')) {
        if ($parameter.Title -notmatch '^-(\w+)$') { continue } # CommonParameters: Get-Help writes its own text
        $parameters[$Matches[1]] = @($parameter.Blocks | Where-Object Kind -eq 'Text').Text -join "`n"
    }
    $number = 0
    $examples = foreach ($example in Split-MarkdownSubsection @(Get-MarkdownSection $blocks 'EXAMPLES')) {
        $code = @($example.Blocks | Where-Object Kind -eq 'Code')
        [pscustomobject]@{
            Number  = ++$number
            Title   = $example.Title
            Code    = $code
            Remarks = @($example.Blocks | Where-Object Kind -eq 'Text').Text -join "`n"
        }
    }
    [pscustomobject]@{
        Name        = ($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 } | Select-Object -First 1).Text
        Path        = $Path
        Synopsis    = & $text 'SYNOPSIS'
        Description = & $text 'DESCRIPTION'
        Parameters  = $parameters
        Examples    = @($examples)
    }
}

# One example to run: its name (the test's name), its code, the files it expects in its folder (code
# blocks whose info string names a file: ```csv customers.csv) and the output the page shows.
function New-DocumentationExample([string] $Name, [string] $Source, [string] $Code, [hashtable] $Files = @{}, [string[]] $Output = @()) {
    [pscustomobject]@{ Name = $Name; Source = $Source; Code = $Code; Files = $Files; Output = @($Output | Where-Object { $_ }); Script = $null }
}

# Every example of the documentation, in a fixed order.
function Get-DocumentationExample {
    $root = $DocumentationRoot
    foreach ($file in Get-ChildItem (Join-Path $root 'docs') -Filter *.md | Sort-Object Name) {
        $page = Get-CmdletPage $file.FullName
        if ($page) {
            foreach ($example in $page.Examples) {
                $files = @{}
                foreach ($block in $example.Code | Where-Object { $_.Info -match '^\S+\s+(\S+)$' }) { $files[$Matches[1]] = $block.Text }
                New-DocumentationExample -Name "$($page.Name) $($example.Title)" -Source "docs/$($file.Name)" `
                    -Code (@($example.Code | Where-Object Info -eq 'powershell').Text -join "`n") -Files $files `
                    -Output @($example.Code | Where-Object Info -eq 'output').Text
            }
        } else {
            Get-MarkdownPageExample $file.FullName "docs/$($file.Name)"
        }
    }
    Get-MarkdownPageExample (Join-Path $root 'README.md') 'README.md'
    foreach ($topic in Get-ChildItem (Join-Path $root 'module') -Recurse -Filter 'about_*.help.txt' | Sort-Object Name) {
        Get-AboutTopicExample $topic.FullName
    }
    foreach ($script in Get-ChildItem (Join-Path $root 'examples') -Filter *.ps1 | Sort-Object Name) {
        $example = New-DocumentationExample -Name "examples/$($script.Name)" -Source "examples/$($script.Name)" -Code (Get-Content -Raw $script.FullName)
        $example.Script = $script.FullName
        $example
    }
}

# The ```powershell blocks of any other markdown page, each with the ```output blocks that follow it.
function Get-MarkdownPageExample([string] $Path, [string] $Source) {
    $number = 0
    $current = $null
    foreach ($block in Get-MarkdownBlock (Get-Content -Raw -LiteralPath $Path)) {
        if ($block.Kind -eq 'Code' -and $block.Info -eq 'powershell') {
            if ($current) { $current }
            $number++
            $current = New-DocumentationExample -Name "$Source example $number" -Source $Source -Code $block.Text
        } elseif ($current -and $block.Kind -eq 'Code' -and $block.Info -eq 'output') {
            $current.Output += $block.Text
        } elseif ($current -and $block.Kind -ne 'Text') {
            $current
            $current = $null
        }
    }
    if ($current) { $current }
}

# The EXAMPLES section of an about_ topic: a title line indented four spaces, then the code indented eight.
function Get-AboutTopicExample([string] $Path) {
    $topic = [IO.Path]::GetFileName($Path) -replace '\.help\.txt$', ''
    $lines = Get-Content -LiteralPath $Path
    $start = [array]::IndexOf($lines, 'EXAMPLES')
    if ($start -lt 0) { return }
    $examples = [System.Collections.Generic.List[object]]::new()
    for ($i = $start + 1; $i -lt $lines.Count -and $lines[$i] -notmatch '^\S'; $i++) {
        if ($lines[$i] -match '^ {4}(\S.*)$') {
            $examples.Add([pscustomobject]@{ Title = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() })
        } elseif ($examples.Count -gt 0 -and ($lines[$i] -match '^ {8}(.*)$' -or $lines[$i].Trim() -eq '')) {
            $examples[-1].Lines.Add($(if ($lines[$i].Length -ge 8) { $lines[$i].Substring(8) } else { '' }))
        }
    }
    foreach ($example in $examples) {
        New-DocumentationExample -Name "$topic $($example.Title)" -Source "module/en-US/$topic.help.txt" -Code ($example.Lines -join "`n").Trim()
    }
}
