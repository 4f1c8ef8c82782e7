# The module as the PowerShell Gallery would hand it out: the .nupkg that PackModule makes, installed with
# PSResourceGet from a local folder repository into a child pwsh. The child's HOME (and XDG folders) is a
# temporary folder, so the repository registration and the installed module land there, never in the
# user's own repositories or modules. (On Windows, where HOME moves nothing, the module is saved to a
# temporary folder instead, and the repository is unregistered at the end.)
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . $PSScriptRoot/Documentation.ps1
    . $PSScriptRoot/ChildPwsh.ps1

    # The nuspec inside a .nupkg, as XML.
    function Read-PackageNuspec([string] $Package) {
        Add-Type -AssemblyName System.IO.Compression.ZipFile
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('InedoLicense.nuspec').Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        } finally { $zip.Dispose() }
    }
}

Describe 'The module package' -Tag 'Slow' {
    BeforeAll {
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $repository = Join-Path $TestDrive 'repository'
        $project = Join-Path $DocumentationRoot 'src/InedoLicense.Cmdlets/InedoLicense.Cmdlets.csproj'
        $pack = dotnet msbuild $project -t:PackModule -nologo -v:minimal "-p:ModulePackageDir=$repository" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "PackModule failed:`n$($pack -join "`n")" }

        $tempHome = Join-Path $TestDrive 'home'
        $folders = @{ XDG_DATA_HOME = '.local/share'; XDG_CONFIG_HOME = '.config'; XDG_CACHE_HOME = '.cache' }
        $environment = @{ HOME = $tempHome; USERPROFILE = $tempHome; PSModulePath = $null; INEDOLICENSE_STORE = $null; INEDOLICENSE_MODULE = $null }
        foreach ($folder in $folders.GetEnumerator()) {
            $environment[$folder.Key] = (New-Item -ItemType Directory -Force (Join-Path $tempHome $folder.Value)).FullName
        }
        $resultFile = Join-Path $TestDrive 'result.json'
        $child = Invoke-ChildPwsh -Environment $environment -WorkingDirectory $TestDrive -Arguments @(
            '-File', (Join-Path $PSScriptRoot 'Install-ModulePackage.ps1'),
            '-Repository', $repository, '-ResultFile', $resultFile, '-SavePath', (Join-Path $TestDrive 'saved'))
        $result = if (Test-Path $resultFile) { Get-Content -Raw $resultFile | ConvertFrom-Json }
        $page = Get-CmdletPage (Join-Path $DocumentationRoot 'docs/New-StopgapLicense.md')
    }

    It 'is packed as InedoLicense.<version>.nupkg with the MAML help in it' {
        $package = Join-Path $repository "InedoLicense.$($manifest.ModuleVersion).nupkg"
        $package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.ZipFile
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
        try { $zip.Entries.FullName | Should -Contain 'en-US/InedoLicense.Cmdlets.dll-Help.xml' } finally { $zip.Dispose() }
    }

    It 'carries the manifest''s tags, and its ProjectUri and LicenseUri only where the manifest has them' {
        $nuspec = Read-PackageNuspec (Join-Path $repository "InedoLicense.$($manifest.ModuleVersion).nupkg")
        $tags = $nuspec.package.metadata.tags -split ' '
        foreach ($tag in $manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        $tags | Should -Contain 'PKCS7'
        $nuspec.package.metadata.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $nuspec.package.metadata.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
    }

    It 'takes its tags and links from the manifest it packs, not from a list of its own' {
        # A copy of the laid-out module whose manifest has one more tag and both links.
        $layout = Join-Path $TestDrive 'layout'
        Copy-Item -Recurse (Split-Path $ModuleManifest) $layout
        $copy = Join-Path $layout 'InedoLicense.psd1'
        $text = (Get-Content -Raw $copy) -replace "Tags\s*=\s*@\(", "Tags = @('OnlyInThisManifest', " -replace "(?m)^(\s*)PSData = @\{", "`$1PSData = @{`n            ProjectUri = 'https://example.invalid/project'`n            LicenseUri = 'https://example.invalid/licence'"
        Set-Content -LiteralPath $copy -Value $text
        $edited = Import-PowerShellDataFile $copy
        $edited.PrivateData.PSData.Tags | Should -Contain 'OnlyInThisManifest'
        $edited.PrivateData.PSData.ProjectUri | Should -Be 'https://example.invalid/project'

        $packed = Join-Path $TestDrive 'packed'
        $pack = dotnet msbuild $project -t:PackModule -nologo -v:minimal "-p:ModuleLayoutDir=$layout/" "-p:ModulePackageDir=$packed" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($pack -join "`n")
        $nuspec = Read-PackageNuspec (Join-Path $packed "InedoLicense.$($manifest.ModuleVersion).nupkg")
        $nuspec.package.metadata.tags -split ' ' | Should -Contain 'OnlyInThisManifest'
        $nuspec.package.metadata.projectUrl | Should -Be 'https://example.invalid/project'
        $nuspec.package.metadata.licenseUrl | Should -Be 'https://example.invalid/licence'
    }

    It 'installs with PSResourceGet in a child pwsh and imports by name' {
        $child.ExitCode | Should -Be 0 -Because "the child pwsh wrote:`n$($child.Output)`n$($child.Errors)"
        $result.Version | Should -Be $manifest.ModuleVersion
        $installedUnder = if ($IsWindows) { Join-Path $TestDrive 'saved' } else { $tempHome }
        $result.ModuleBase | Should -BeLike "$installedUnder*"
    }

    It 'registers the repository in the temporary home, not in the user''s own' -Skip:$IsWindows {
        $result.RepositoryStore | Should -BeLike "$tempHome*"
        $result.Installed | Should -BeLike "$tempHome*"
    }

    It 'shows the examples of New-StopgapLicense in Get-Help -Examples' {
        $page.Examples.Count | Should -BeGreaterThan 1
        $result.ExampleTitles.Count | Should -Be $page.Examples.Count
        $shown = ConvertTo-ComparableText $result.Help
        foreach ($example in $page.Examples) {
            $shown | Should -BeLike "*$([WildcardPattern]::Escape((ConvertTo-ComparableText $example.Title)))*" -Because 'Get-Help shows each example''s title'
            foreach ($code in $example.Code) {
                $shown | Should -BeLike "*$([WildcardPattern]::Escape((ConvertTo-ComparableText $code.Text)))*" -Because "Get-Help shows the code of '$($example.Title)'"
            }
        }
    }
}
