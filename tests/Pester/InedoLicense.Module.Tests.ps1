# The module as users install it: it imports, exports its cmdlets one by one, and has help.
BeforeDiscovery {
    . $PSScriptRoot/TestSetup.ps1
    $cmdlets = (Get-Command -Module InedoLicense -CommandType Cmdlet).Name | ForEach-Object { @{ Cmdlet = $_ } }
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $module = Get-Module InedoLicense
    $manifest = Import-PowerShellDataFile $ModuleManifest
    $hasMaml = Test-Path (Join-Path $module.ModuleBase 'en-US/InedoLicense.Cmdlets.dll-Help.xml')
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
        $null = Get-License -StorePath (Join-Path $TestDrive 'probe/licenses.db') # the first use of the store loads SQLite
        $sqlite = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
        $contexts = $sqlite | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
        $contexts | Should -Contain 'InedoLicense'
    }

    It 'has about_InedoLicense' {
        Get-Help about_InedoLicense | Should -Not -BeNullOrEmpty
    }
}

Describe 'Help for <Cmdlet>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Cmdlet -Full
    }

    It 'has a synopsis' {
        if (-not $hasMaml) { Set-ItResult -Skipped -Because 'no MAML in the module (build.ps1 -Task Docs makes it)' }
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Cmdlet *" # help generated without MAML shows the syntax instead
    }

    It 'has at least two examples' {
        if (-not $hasMaml) { Set-ItResult -Skipped -Because 'no MAML in the module (build.ps1 -Task Docs makes it)' }
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        if (-not $hasMaml) { Set-ItResult -Skipped -Because 'no MAML in the module (build.ps1 -Task Docs makes it)' }
        foreach ($parameter in @($help.Parameters.Parameter)) {
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }
}
