# The shared PostgreSQL store as a user sees it in real pwsh: $env:INEDOLICENSE_STORE names a database, and the same
# cmdlets issue, list, revoke and check there; a wrong password is a clear error that never shows the password.
# Needs the test server (eval "$(bash tests/postgres/test-server.sh start)"; .ci/run starts one): without
# INEDOLICENSE_TEST_POSTGRES every test here is reported as skipped.
BeforeDiscovery {
    $noServer = -not $env:INEDOLICENSE_TEST_POSTGRES
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
    $savedDataHome = $env:XDG_DATA_HOME
    $admin = $env:INEDOLICENSE_TEST_POSTGRES

    # A fresh database on the test server; returns its connection string (the admin's, trust over the socket).
    function New-TestDatabase {
        $name = 'inedolicense_pester_' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $socket = ($admin -split ';' | Where-Object { $_ -like 'Host=*' }) -replace '^Host=', ''
        & (Join-Path $env:INEDOLICENSE_TEST_PGBIN 'psql') -h $socket -U postgres -d postgres -qc "CREATE DATABASE $name" | Out-Null
        $script:databases += , $name
        $admin -replace 'Database=[^;]+', "Database=$name"
    }
    $script:databases = @()
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
    $env:XDG_DATA_HOME = $savedDataHome
    if ($admin) {
        $socket = ($admin -split ';' | Where-Object { $_ -like 'Host=*' }) -replace '^Host=', ''
        foreach ($name in $script:databases) {
            & (Join-Path $env:INEDOLICENSE_TEST_PGBIN 'psql') -h $socket -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" | Out-Null
        }
    }
}

Describe 'A shared PostgreSQL store (skipped without INEDOLICENSE_TEST_POSTGRES)' -Skip:$noServer {
    BeforeEach {
        $env:INEDOLICENSE_STORE = New-TestDatabase
        # A shared store's default authority is in the user's data folder (never in the database).
        $env:XDG_DATA_HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $authority = New-LicenseAuthority -NoPassword
    }

    It 'issues, lists, revokes and checks through $env:INEDOLICENSE_STORE' {
        $authority.Path | Should -BeLike "$env:XDG_DATA_HOME*"
        $key = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic
        $key.Serial | Should -Match '^[0-9A-F]{16}$'
        (Get-License -Customer 'contoso*').Serial | Should -Be $key.Serial # any case, as on SQLite

        Revoke-License -Serial $key.Serial -Reason 'refund' -Confirm:$false
        (Get-License -Status Revoked).Serial | Should -Be $key.Serial
        $key.Key | Test-LicenseKey -TrustBundle $authority.TrustBundlePath | Select-Object -ExpandProperty Status | Should -Be 'Revoked'

        $report = Test-LicenseStore
        $report.IsValid | Should -BeTrue
        $report.AuditEntries | Should -Be 6 # CreateAuthority, the catalogue seeded (3 products), IssueKey, RevokeKey
    }

    It 'keeps the catalogue, the TTL policy and temporary keys, and exports the revocations, as on SQLite' {
        $null = Set-LicenseProduct ProGet -EditionName Enterprise -Feature FeedReplication -PassThru
        (New-License ProGet 'Contoso Ltd' Enterprise).Features | Should -Be @('FeedReplication')
        (Get-LicenseProduct -Name proget).Name | Should -Be 'ProGet'

        $null = Set-LicenseTtlPolicy -Ttl 30m, 2h -PassThru
        (Get-LicenseTtlPolicy).Ttl | Should -Be @('30m', '2h')
        { New-TemporaryOrgLicense -OrganizationId ORG-1001 -Ttl 4h -ErrorAction Stop } | Should -Throw -ErrorId 'TtlNotAllowed,InedoLicense.Cmdlets.Commands.NewTemporaryOrgLicenseCommand'
        $temporary = New-TemporaryOrgLicense -OrganizationId ORG-1001 -Ttl 2h -IssuedTo 'jane@partner.example'
        (Get-TemporaryOrgLicense -OrganizationId org-1001).Serial | Should -Be $temporary.Serial

        $temporary | Revoke-License -Reason 'Engagement ended' -Confirm:$false
        $list = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).pem"
        $null = Export-LicenseRevocationList -Path $list
        (Get-Content -Raw $list) | Should -BeLike '*BEGIN*'
        ($temporary.Key | Test-LicenseKey -TrustBundle $authority.TrustBundlePath -RevocationList $list).Status | Should -Be 'Revoked'
        (Test-LicenseStore).IsValid | Should -BeTrue
    }

    It 'issues from Import-Csv and names the bad row, keeping the others' {
        $csv = Join-Path $TestDrive 'orders.csv'
        "Product,Customer,Edition`nProGet,Contoso Ltd,Basic`nProGte,Fabrikam,Basic`nBuildMaster,Litware Inc,Basic" | Set-Content $csv
        $keys = Import-Csv $csv | New-License -ErrorVariable failed -ErrorAction SilentlyContinue
        $keys.Customer | Should -Be @('Contoso Ltd', 'Litware Inc')
        $failed.Count | Should -Be 1
        "$($failed[0])" | Should -BeLike 'Row 2 *ProGte*'
        (Get-License).Count | Should -Be 2
    }

    It 'names the store without its password in verbose output and errors' {
        $role = $env:INEDOLICENSE_TEST_PGPASSWORD_ROLE
        $secret = $env:INEDOLICENSE_TEST_PGPASSWORD_SECRET
        $socket = ($env:INEDOLICENSE_STORE -split ';' | Where-Object { $_ -like 'Host=*' }) -replace '^Host=', ''

        # The admin logs in by trust, so a password in its connection string is not checked, only carried: it must not show.
        $carried = "$env:INEDOLICENSE_STORE;Password=Carried-$secret"
        $verbose = Get-License -StorePath $carried -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -BeLike '*Licence store: Host=*'
        "$verbose" | Should -Not -BeLike "*Carried-$secret*"
        (Test-LicenseStore -StorePath $carried).Path | Should -Be $env:INEDOLICENSE_STORE

        $wrong = "Host=$socket;Database=postgres;Username=$role;Password=Not-$secret"
        $record = { Get-License -StorePath $wrong } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'StoreUnavailable,InedoLicense.Cmdlets.Commands.GetLicenseCommand'
        $record.Exception.Message | Should -BeLike "*password authentication failed for user*$role*. Check the location*"
        $everything = "$record $($record.TargetObject) $($record.Exception) $($record.ErrorDetails) $($record.InvocationInfo.Line)"
        $everything | Should -Not -BeLike "*Not-$secret*"
    }

    It 'takes the password from PGPASSWORD, so that it is in no command line' {
        $role = $env:INEDOLICENSE_TEST_PGPASSWORD_ROLE
        $socket = ($env:INEDOLICENSE_STORE -split ';' | Where-Object { $_ -like 'Host=*' }) -replace '^Host=', ''
        $database = ($env:INEDOLICENSE_STORE -split ';' | Where-Object { $_ -like 'Database=*' }) -replace '^Database=', ''
        try {
            $env:PGPASSWORD = $env:INEDOLICENSE_TEST_PGPASSWORD_SECRET
            # The role may use the store the admin created: a clerk needs SELECT, INSERT and UPDATE.
            & (Join-Path $env:INEDOLICENSE_TEST_PGBIN 'psql') -h $socket -U postgres -d $database -qc "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO $role" | Out-Null
            $uri = "postgresql://$role@/$($database)?host=$socket"
            $key = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -StorePath $uri
            (Get-License -StorePath $uri -Serial $key.Serial).Customer | Should -Be 'Contoso Ltd'
            (Test-LicenseStore -StorePath $uri).Path | Should -Be $uri
        }
        finally {
            Remove-Item Env:PGPASSWORD -ErrorAction Ignore
        }
    }

    It 'Copy-LicenseStore moves a SQLite store into the database, and Test-LicenseStore passes on the copy' {
        $database = $env:INEDOLICENSE_STORE
        $file = Join-Path $env:XDG_DATA_HOME 'licenses.db'
        $null = New-LicenseAuthority -NoPassword -StorePath $file -Path (Join-Path $env:XDG_DATA_HOME 'file-authority')
        $keys = 1..3 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "C$_"; Edition = 'Basic' } } |
            New-License -StorePath $file -CertificatePath (Join-Path $env:XDG_DATA_HOME 'file-authority/issuers/issuer.pfx')
        Revoke-License -Serial $keys[1].Serial -StorePath $file -Confirm:$false
        $empty = New-TestDatabase

        Copy-LicenseStore -StorePath $file -Destination $empty -WhatIf
        { Get-License -StorePath $empty } | Should -Throw -ErrorId 'StoreNotFound,InedoLicense.Cmdlets.Commands.GetLicenseCommand' # -WhatIf created nothing

        $result = Copy-LicenseStore -StorePath $file -Destination $empty -Confirm:$false
        ($result.Licenses, $result.Revoked) | Should -Be @(3, 1)
        $copy = Test-LicenseStore -StorePath $empty
        $copy.IsValid | Should -BeTrue
        $copy.Checkpoint | Should -Be (Test-LicenseStore -StorePath $file).Checkpoint
        (Get-License -StorePath $empty -Status Revoked).Serial | Should -Be $keys[1].Serial

        # The team's database already holds a store: refused, and left as it was.
        $record = { Copy-LicenseStore -StorePath $file -Destination $database -Confirm:$false } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'StoreNotEmpty,InedoLicense.Cmdlets.Commands.CopyLicenseStoreCommand'
        (Test-LicenseStore -StorePath $database).AuditEntries | Should -Be 1 # its CreateAuthority entry, as before
    }

    It 'a database with no store is StoreNotFound for a reader, and creates nothing' {
        $empty = New-TestDatabase
        $record = { Get-License -StorePath $empty } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'StoreNotFound,InedoLicense.Cmdlets.Commands.GetLicenseCommand'
        { Test-LicenseStore -StorePath $empty } | Should -Throw -ErrorId 'StoreNotFound,InedoLicense.Cmdlets.Commands.TestLicenseStoreCommand'
    }
}
