# The module as users install it: it imports, exports its cmdlets one by one, and has help.
BeforeDiscovery {
    . $PSScriptRoot/TestSetup.ps1
    $cmdlets = (Get-Command -Module InedoLicense -CommandType Cmdlet).Name | ForEach-Object { @{ Cmdlet = $_ } }
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . $PSScriptRoot/Documentation.ps1
    $module = Get-Module InedoLicense
    $manifest = Import-PowerShellDataFile $ModuleManifest

    # Get-Help's text as a user reads it, wide enough that no paragraph wraps, white space collapsed.
    function Get-ShownHelp([string] $Name, [hashtable] $View) {
        ConvertTo-ComparableText (Get-Help -Name $Name @View | Out-String -Width 4096)
    }
    function ConvertTo-Pattern([string] $Text) { '*' + [WildcardPattern]::Escape((ConvertTo-ComparableText $Text)) + '*' }
}

Describe 'Importing InedoLicense' {
    It 'imports from the laid-out folder, with the version of Directory.Build.props' {
        $module | Should -Not -BeNullOrEmpty
        $module.ModuleBase | Should -Be (Split-Path -Parent (Resolve-Path $ModuleManifest))
        $module.Version | Should -Be ([version] $manifest.ModuleVersion)
        Split-Path -Leaf $module.ModuleBase | Should -Be $manifest.ModuleVersion
    }

    It 'is for PowerShell 7.6 Core' {
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be '7.6'
    }

    It 'exports exactly the cmdlets the manifest lists, and nothing else' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        (Get-Command -Module InedoLicense).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        (Get-Command -Module InedoLicense -CommandType Function, Alias) | Should -BeNullOrEmpty
    }

    It 'loads its private dependencies in its own load context' {
        # The first use of a store loads SQLite (a command that writes: reading never creates a store).
        Set-LicenseTtlPolicy -Default -StorePath (Join-Path $TestDrive 'probe/licenses.db')
        $sqlite = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
        $contexts = $sqlite | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
        $contexts | Should -Contain 'InedoLicense'
    }

    It 'has about_InedoLicense' {
        Get-Help about_InedoLicense | Should -Not -BeNullOrEmpty
    }
}

# The help the build writes from docs/<cmdlet>.md (src/InedoLicense.HelpBuilder), read back through Get-Help.
Describe 'Help for <Cmdlet>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Cmdlet -Full
        $page = Get-CmdletPage (Join-Path $DocumentationRoot "docs/$Cmdlet.md")
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Cmdlet *" # help generated without MAML shows the syntax instead
    }

    It 'has at least two examples' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($parameter in @($help.Parameters.Parameter)) {
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'shows the synopsis and the description of its page in Get-Help -Full' {
        $page | Should -Not -BeNullOrEmpty -Because "docs/$Cmdlet.md is its help page"
        $shown = Get-ShownHelp $Cmdlet @{ Full = $true }
        $shown | Should -BeLike (ConvertTo-Pattern "SYNOPSIS $($page.Synopsis)")
        $shown | Should -BeLike (ConvertTo-Pattern "DESCRIPTION $($page.Description)")
    }

    It 'shows each parameter''s text of its page in Get-Help -Parameter' {
        @($help.Parameters.Parameter.Name) | Should -Be @($page.Parameters.Keys)
        foreach ($name in $page.Parameters.Keys) {
            $page.Parameters[$name] | Should -Not -BeNullOrEmpty -Because "docs/$Cmdlet.md describes -$name"
            $shown = Get-ShownHelp $Cmdlet @{ Parameter = $name }
            $shown | Should -BeLike (ConvertTo-Pattern "-$name") -Because "Get-Help -Parameter $name names it"
            $shown | Should -BeLike (ConvertTo-Pattern $page.Parameters[$name]) -Because "Get-Help -Parameter $name shows its text"
        }
    }

    It 'shows every example of its page in Get-Help -Examples' {
        @($help.Examples.Example).Count | Should -Be $page.Examples.Count
        $shown = Get-ShownHelp $Cmdlet @{ Examples = $true }
        foreach ($example in $page.Examples) {
            $shown | Should -BeLike (ConvertTo-Pattern $example.Title) -Because 'Get-Help shows the example''s title'
            foreach ($code in $example.Code) {
                $shown | Should -BeLike (ConvertTo-Pattern $code.Text) -Because "Get-Help shows the code of '$($example.Title)'"
            }
            $shown | Should -BeLike (ConvertTo-Pattern $example.Remarks) -Because "Get-Help shows the text of '$($example.Title)'"
        }
    }
}
