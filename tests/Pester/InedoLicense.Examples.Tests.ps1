# Every example of the documentation runs, as users run it: each example of the cmdlet pages in docs/,
# the design pages of docs/design/ and README.md (```powershell blocks), the EXAMPLES of about_InedoLicense and
# the scripts of examples/. Each runs in a fresh folder with a fresh store (and the default authority,
# unless the example makes it); files the page shows (```csv customers.csv) are written there first.
# It must run clean: no terminating error, and no error or warning the page does not show. Where the
# page shows output, what is stable must match (ExampleOutput.ps1 says what that is). The scripts of
# examples/ also run in a pwsh of their own (Slow), as the README runs them.
BeforeDiscovery {
    . $PSScriptRoot/Documentation.ps1
    # Pester makes a hashtable's keys variables of the tests.
    # Examples that cannot run here, each with the reason; the test reports them as skipped.
    $notRunnable = @{
        'Copy-LicenseStore Example 2: Move the team to a shared PostgreSQL database' =
            'needs the PostgreSQL server db.example.com; the same copy into the test server runs in InedoLicense.SharedStore.Tests.ps1'
    }
    $examples = @(Get-DocumentationExample | ForEach-Object { @{ Name = $_.Name; Source = $_.Source; Example = $_; NotRunnable = $notRunnable[$_.Name] } })
    $scripts = @($examples | Where-Object { $_.Example.Script })
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . $PSScriptRoot/Documentation.ps1
    . $PSScriptRoot/ExampleOutput.ps1
    . $PSScriptRoot/ChildPwsh.ps1
    $savedStore = $env:INEDOLICENSE_STORE
    $allExamples = @(Get-DocumentationExample)

    $notRunnable = @{ 'Copy-LicenseStore Example 2: Move the team to a shared PostgreSQL database' = $true }

    # What an example needs that its page states in words only ("the one revoked key of this store").
    # Each runs in the example's folder and store, before the example.
    $given = @{
        'Export-LicenseRevocationList Example 1: Export the revocations for offline agents' = {
            $null = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic | Revoke-License -Reason 'Refunded' -Confirm:$false
        }
        'Get-TemporaryOrgLicense Example 2: See the listing as it will be in six hours' = {
            $null = New-TemporaryOrgLicense -OrganizationId ORG-1001 -Ttl 4h -IssuedTo 'jane@partner.example'
            $null = New-TemporaryOrgLicense -OrganizationId ORG-1001 -Ttl 1d -IssuedTo 'dev@vendor.example'
        }
        'Get-TemporaryOrgLicense Example 3: Revoke every active key of a partner' = {
            $null = New-TemporaryOrgLicense -OrganizationId ORG-1001 -Ttl 4h -IssuedTo 'jane@partner.example'
        }
        'Test-LicenseStore Example 1: Check the default store' = {
            $null = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic
            $null = New-License -Product Otter -Customer 'Fabrikam Inc' -Edition Free
        }
        'Test-LicenseStore Example 2: A store edited with the sqlite3 tool' = {
            $null = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic
            $null = New-License -Product Otter -Customer 'Fabrikam Inc' -Edition Free
            Invoke-StoreSql $env:INEDOLICENSE_STORE "UPDATE audit_log SET details = 'edited' WHERE id = 5"
        }
    }

    # Output that depends on the machine the example runs on: only its shape (table columns, list
    # property names) is compared.
    $machineDependent = @{
        "Get-MacId Example 1: Get this machine's MAC ID"                            = 'the adapters of this machine'
        'Get-MacId Example 2: See every adapter and why it was or was not chosen'   = 'the adapters of this machine'
        'Test-LicenseKey Example 7: An agent key on this machine and on another'    = "this machine's MAC ID"
    }

    # Runs SQL on a store the way someone with the sqlite3 tool would: with the module's own SQLite,
    # from its load context.
    function Invoke-StoreSql([string] $StorePath, [string] $Sql) {
        $sqlite = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies |
            Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' } | Select-Object -First 1
        $connection = [Activator]::CreateInstance($sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @("Data Source=$StorePath"))
        try {
            $connection.Open()
            $command = $connection.CreateCommand()
            $command.CommandText = $Sql
            $null = $command.ExecuteNonQuery()
        } finally {
            $connection.Dispose()
        }
    }

    # Runs one example in a fresh folder and store, as a user at the prompt would (errors do not stop it),
    # and returns what it wrote: objects rendered at 120 columns, and its errors and warnings.
    function Invoke-DocumentationExample($Example) {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
        $env:INEDOLICENSE_STORE = Join-Path $folder 'licenses.db'
        Push-Location $folder
        [Environment]::CurrentDirectory = $folder
        try {
            foreach ($file in $Example.Files.GetEnumerator()) { Set-Content -LiteralPath (Join-Path $folder $file.Key) -Value $file.Value }
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($Example.Code, [ref] $null, [ref] $null)
            $makesDefaultAuthority = $ast.FindAll({ param($node)
                    $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'New-LicenseAuthority' -and
                    -not ($node.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq 'Path' })
                }, $true).Count -gt 0
            if (-not $makesDefaultAuthority -and -not $Example.Script) { $null = New-LicenseAuthority }
            if ($given.ContainsKey($Example.Name)) { $null = & $given[$Example.Name] }

            $ErrorActionPreference = 'Continue'
            $records = if ($Example.Script) {
                & $Example.Script -StorePath $env:INEDOLICENSE_STORE 2>&1 3>&1
            } else {
                & ([scriptblock]::Create($Example.Code)) 2>&1 3>&1
            }
        } finally {
            Pop-Location
            [Environment]::CurrentDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
        }
        # As pwsh prints them at 120 columns, without colours: one formatting of the whole output (a table
        # for the first type, and strings and other types under it the way pwsh formats them there).
        $objects = @($records | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        $rendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try { $text = $objects | Out-String -Width 120 } finally { $PSStyle.OutputRendering = $rendering }
        $printed = ConvertFrom-OutputText $text
        foreach ($record in $records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $printed.Errors.Add((Hide-VolatileText ($record.ErrorDetails.Message ?? $record.Exception.Message)))
            } elseif ($record -is [System.Management.Automation.WarningRecord]) {
                $printed.Warnings.Add((Hide-VolatileText $record.Message))
            }
        }
        $printed
    }
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'The examples of the documentation' {
    It 'finds the examples of every cmdlet page, the README, about_InedoLicense and examples/' {
        $allExamples.Count | Should -BeGreaterThan 60
        $allExamples.Source | Should -Contain 'README.md'
        $allExamples.Source | Should -Contain 'module/en-US/about_InedoLicense.help.txt'
        $allExamples.Source | Should -Contain 'examples/quickstart.ps1'
        $allExamples.Source | Should -Contain 'docs/New-StopgapLicense.md'
        $allExamples.Source | Should -Contain 'docs/design/key-format.md'
    }

    It 'finds only cmdlet pages in docs/: design documents live in docs/design/' {
        Get-ChildItem (Join-Path $DocumentationRoot 'docs') -Filter *.md | Where-Object { -not (Get-CmdletPage $_.FullName) } |
            ForEach-Object Name | Should -BeNullOrEmpty
    }

    It 'has a setup or a machine-dependent mark only for examples that exist' {
        @($given.Keys) + @($machineDependent.Keys) + @($notRunnable.Keys) | Where-Object { $_ -notin $allExamples.Name } | Should -BeNullOrEmpty
    }
}

Describe '<Name>' -ForEach $examples {
    It 'runs clean in a fresh store and prints what its page shows' -Skip:([bool]$NotRunnable) {
        $printed = Invoke-DocumentationExample $Example
        $expected = $Example.Output -join "`n`n"
        if ($expected) {
            Compare-ExampleOutput -Expected $expected -Actual $printed -ShapeOnly:($machineDependent.ContainsKey($Name)) |
                Should -BeNullOrEmpty -Because "$Source shows that output"
        } else {
            $printed.Errors | Should -BeNullOrEmpty -Because "$Source shows no error"
            $printed.Warnings | Should -BeNullOrEmpty -Because "$Source shows no warning"
        }
    }
}

# As the README runs them: `dotnet pwsh -File examples/<script>.ps1` in a new pwsh, which has not imported
# the module; the script imports it.
Describe '<Name> in a pwsh of its own' -Tag 'Slow' -ForEach $scripts {
    It 'imports the module itself and runs to the end' {
        $store = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N'))/licenses.db"
        $child = Invoke-ChildPwsh -Arguments '-File', $Example.Script, '-StorePath', $store -Environment @{ PSModulePath = $null; INEDOLICENSE_STORE = $null }
        $child.ExitCode | Should -Be 0 -Because "the script wrote:`n$($child.Output)`n$($child.Errors)"
        $child.Errors | Should -BeNullOrEmpty
        $store | Should -Exist
    }
}
