# Where the store is: reading and previewing never create one, a mistyped -StorePath is a clear error, and a
# file that is not a licence store (another application's database, an empty file) is refused and left as it was.
BeforeDiscovery {
    $sqlite3 = Get-Command sqlite3 -CommandType Application -ErrorAction Ignore | Select-Object -First 1
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
    $sqlite3 = Get-Command sqlite3 -CommandType Application -ErrorAction Ignore | Select-Object -First 1

    # Every file and folder under a path, with a hash of each file: what "left unchanged" compares.
    function Get-Tree([string] $Path) {
        Get-ChildItem -LiteralPath $Path -Recurse -Force | ForEach-Object {
            if ($_.PSIsContainer) { "$($_.FullName)/" } else { "$($_.FullName) $((Get-FileHash -LiteralPath $_.FullName).Hash)" }
        } | Sort-Object
    }
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Reading and previewing never create a store' {
    BeforeEach {
        # An authority and no store beside it (New-LicenseAuthority audits into the store: it goes), so that the
        # issuing previews below fail or stop only for the reason each names. And a mistyped path.
        $authority = New-TestStore
        $store = $env:INEDOLICENSE_STORE
        Remove-Item "$store*"
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $missing = Join-Path $folder 'typo/licenses.db'
    }

    It 'Get-License -StorePath <typo> is StoreNotFound, naming the path, and creates nothing' {
        $record = { Get-License -StorePath $missing } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'StoreNotFound,InedoLicense.Cmdlets.Commands.GetLicenseCommand'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.TargetObject | Should -Be $missing
        $record.Exception.Message | Should -BeLike "*$missing*"
        Test-Path $folder | Should -BeFalse
    }

    It '<Command> creates no store' -ForEach @(
        @{ Command = 'Get-LicenseProduct'; Script = { Get-LicenseProduct -StorePath $missing -WarningAction SilentlyContinue } }
        @{ Command = 'Get-LicenseTtlPolicy'; Script = { Get-LicenseTtlPolicy -StorePath $missing -WarningAction SilentlyContinue } }
        @{ Command = 'Get-TemporaryOrgLicense'; Script = { Get-TemporaryOrgLicense -OrganizationId ORG-1 -StorePath $missing -ErrorAction SilentlyContinue } }
        @{ Command = 'Test-LicenseStore'; Script = { Test-LicenseStore -StorePath $missing -ErrorAction SilentlyContinue } }
        @{ Command = 'Revoke-License'; Script = { Revoke-License -Serial 9F3A1C0B2D4E5F60 -StorePath $missing -Confirm:$false -ErrorAction SilentlyContinue } }
        @{ Command = 'Test-LicenseKey'; Script = { 'ILK1.AAAA' | Test-LicenseKey -TrustBundle $authority.TrustBundlePath -StorePath $missing -ErrorAction SilentlyContinue } }
    ) {
        try { & $Script | Out-Null } catch { } # what each says is tested elsewhere; here only that nothing is created
        Test-Path $folder | Should -BeFalse
    }

    It '<Command> creates no store' -ForEach @(
        @{ Command = 'New-License -WhatIf'; Script = { New-License ProGet 'Contoso Ltd' Basic -WhatIf } }
        @{ Command = 'New-License -RenewalOf -WhatIf'; Script = { New-License -RenewalOf 9F3A1C0B2D4E5F60 -WhatIf -ErrorAction SilentlyContinue } }
        @{ Command = 'New-StopgapLicense -WhatIf'; Script = { New-StopgapLicense ProGet 'Contoso Ltd' -WhatIf } }
        @{ Command = 'New-AgentLicense -WhatIf'; Script = { New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E -WhatIf } }
        @{ Command = 'New-TemporaryOrgLicense -WhatIf'; Script = { New-TemporaryOrgLicense ORG-1 1h -WhatIf } }
        @{ Command = 'Set-LicenseTtlPolicy -WhatIf'; Script = { Set-LicenseTtlPolicy -Ttl 1h -WhatIf } }
        @{ Command = 'Set-LicenseProduct -WhatIf'; Script = { Set-LicenseProduct ProGet -EditionName Basic -Feature Servers=2 -WhatIf } }
        @{ Command = 'New-LicenseIssuer -WhatIf'; Script = { New-LicenseIssuer alice -Role Issuer -WhatIf } }
        @{ Command = 'New-LicenseAuthority -WhatIf'; Script = { New-LicenseAuthority -Path (Join-Path $TestDrive new-authority) -WhatIf } }
        @{ Command = 'a failed New-License (unknown product)'; Script = { New-License Gadget 'Contoso Ltd' Basic -ErrorAction SilentlyContinue } }
        @{ Command = 'a failed New-License (bidi control in the customer)'; Script = { New-License ProGet "Contoso`u{202E}dtL" Basic -ErrorAction SilentlyContinue } }
        @{ Command = 'a failed New-StopgapLicense (unknown lapsed licence)'; Script = { New-StopgapLicense ProGet 'Contoso Ltd' -LapsedLicense 9F3A1C0B2D4E5F60 -ErrorAction SilentlyContinue } }
    ) {
        try { & $Script | Out-Null } catch { }
        @(Get-Item "$store*" -ErrorAction Ignore) | Should -BeNullOrEmpty
    }

    It 'Get-LicenseProduct and Get-LicenseTtlPolicy say that a store named by -StorePath does not exist' {
        $products = Get-LicenseProduct -StorePath $missing -WarningVariable productWarning -WarningAction SilentlyContinue
        $products.Name | Should -Contain 'ProGet'
        "$productWarning" | Should -BeLike "There is no licence store at $missing*"
        $null = Get-LicenseTtlPolicy -StorePath $missing -WarningVariable ttlWarning -WarningAction SilentlyContinue
        "$ttlWarning" | Should -BeLike "There is no licence store at $missing*"
    }

    It 'the first command that writes creates the store, owner-only' {
        Set-LicenseTtlPolicy -Ttl 1h, 4h -StorePath $missing
        Test-Path $missing | Should -BeTrue
        if (-not $IsWindows) {
            (Get-Item (Split-Path $missing)).UnixMode | Should -Be 'drwx------'
            (Get-Item $folder).UnixMode | Should -Be 'drwx------'
        }
        Get-License -StorePath $missing | Should -BeNullOrEmpty
        (Get-LicenseTtlPolicy -StorePath $missing).Ttl | Should -Be '1h', '4h'
        New-License ProGet 'Contoso Ltd' Basic | Should -HaveCount 1 # beside the authority
        Get-License | Should -HaveCount 1
    }
}

Describe 'Files that are not a licence store are refused and left unchanged' {
    BeforeEach {
        $authority = New-TestStore
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $folder
    }

    It "another application's database (<Name>) is refused by readers and writers alike" -Skip:(-not $sqlite3) -ForEach @(
        @{ Name = 'customers'; Sql = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('Contoso');" }
        @{ Name = 'settings'; Sql = "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT); INSERT INTO settings VALUES ('theme', 'dark');" }
    ) {
        $database = Join-Path $folder 'app.db'
        & $sqlite3.Source $database $Sql
        $before = Get-Tree $folder

        foreach ($command in { Get-License -StorePath $database }, { Test-LicenseStore -StorePath $database },
                             { New-License ProGet 'Contoso Ltd' Basic -StorePath $database }, { Set-LicenseTtlPolicy -Ttl 1h -StorePath $database }) {
            $record = $command | Should -Throw -PassThru
            $record.FullyQualifiedErrorId | Should -BeLike 'NotALicenseStore,*'
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
            $record.TargetObject | Should -Be $database
            $record.Exception.Message | Should -BeLike "*$database is not a licence store*left unchanged*"
        }

        Get-Tree $folder | Should -Be $before # the same bytes, no -wal, -shm or -journal beside it
        & $sqlite3.Source $database 'PRAGMA journal_mode;' | Should -Be 'delete'
    }

    It 'an empty file is not a store for Test-LicenseStore, which changes nothing' {
        $empty = Join-Path $folder 'empty.db'
        $null = New-Item -ItemType File $empty
        $record = { Test-LicenseStore -StorePath $empty } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'NotALicenseStore,InedoLicense.Cmdlets.Commands.TestLicenseStoreCommand'
        (Get-Item $empty).Length | Should -Be 0
        Get-ChildItem $folder | Should -HaveCount 1
    }

    It 'a text file is refused' {
        $notes = Join-Path $folder 'notes.txt'
        Set-Content $notes ('not a database ' * 20)
        $before = Get-Tree $folder
        { New-License ProGet 'Contoso Ltd' Basic -StorePath $notes } | Should -Throw -ErrorId 'NotALicenseStore,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        Get-Tree $folder | Should -Be $before
    }
}
