# What an admin, a partner and support run into in real pwsh (issue 12, and issue 14's key time range): CSV rows,
# store audits, 80-column output, -Status, errors that name the row, confirmations, keys that look like mistakes,
# PowerShell conventions, completion and packaging. Each scenario failed before its fix.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE

    # The FullyQualifiedErrorIds of the errors a script block writes (non-terminating ones collected).
    function Get-ErrorId([scriptblock] $Script) {
        $null = & $Script -ErrorVariable failures -ErrorAction SilentlyContinue 2>$null
        @($failures | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
    }
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Issuing from CSV rows: every value is used or refused (item 1)' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'refuses Months=abc, naming the row, instead of issuing a 12-month key' {
        $rows = "Product,Customer,Edition,Months`nProGet,Litware Inc,Basic,abc`nProGet,Fabrikam,Basic,3" | ConvertFrom-Csv
        $issued = $rows | New-License -ErrorVariable failures -ErrorAction SilentlyContinue

        $issued.Customer | Should -Be 'Fabrikam'
        ($issued.ExpiresAt - $issued.NotBefore).TotalDays | Should -BeGreaterThan 88
        ($issued.ExpiresAt - $issued.NotBefore).TotalDays | Should -BeLessThan 93
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        "$($failures[0])" | Should -Match '^Row 1 \(Product=ProGet, Customer=Litware Inc, Edition=Basic\): Months .abc.'
        $failures[0].TargetObject.Customer | Should -Be 'Litware Inc'
        Get-License -Customer 'Litware Inc' | Should -BeNullOrEmpty
    }

    It 'takes an empty optional cell as not given' {
        $licence = "Product,Customer,Edition,Months`nOtter,Litware Inc,Free," | ConvertFrom-Csv | New-License -ErrorAction Stop

        $licence.Edition | Should -Be 'Free'
        $licence.ExpiresAt | Should -BeNullOrEmpty
    }

    It 'refuses an agent row whose ExpiresAt is not a date instead of issuing a key that never expires' {
        $rows = "OrganizationId,MacId,ExpiresAt`nORG-1,00-1A-2B-3C-4D-5E,not a date`nORG-1,00-1A-2B-3C-4D-5F,2030-01-01" | ConvertFrom-Csv
        $issued = $rows | New-AgentLicense -ErrorVariable failures -ErrorAction SilentlyContinue

        $issued | Should -HaveCount 1
        $issued.ExpiresAt.UtcDateTime.Year | Should -Be 2030
        $failures | Should -HaveCount 1
        "$($failures[0])" | Should -Match '^Row 1 \(OrganizationId=ORG-1, MacId=00-1A-2B-3C-4D-5E\): ExpiresAt .not a date. is not a date'
    }

    It 'refuses a stopgap row whose Reason is not one instead of signing Other' {
        $rows = "Product,Customer,Reason`nProGet,Contoso Ltd,NotAReason" | ConvertFrom-Csv
        $issued = $rows | New-StopgapLicense -ErrorVariable failures -ErrorAction SilentlyContinue

        $issued | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewStopgapLicenseCommand'
        "$($failures[0])" | Should -Match 'Reason .NotAReason. is not one of'
    }

    It 'names a column it does not read (a typo) in a warning' {
        $null = "Product,Customer,Edition,Month`nProGet,Contoso Ltd,Basic,3" | ConvertFrom-Csv | New-License -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match "does not use the column 'Month'"
    }

    It 'still renews licences piped from Get-License, and rows with a RenewalOf column' {
        $first = New-License ProGet 'Contoso Ltd' Basic -Months 12
        $second = New-License ProGet 'Fabrikam' Basic -Months 12

        $renewal = Get-License -Serial $first.Serial | New-License
        $fromRow = [pscustomobject]@{ RenewalOf = $second.Serial } | New-License

        $renewal.RenewalOf | Should -Be $first.Serial
        $renewal.NotBefore | Should -Be $first.ExpiresAt
        $fromRow.RenewalOf | Should -Be $second.Serial
    }
}

Describe 'Auditing a store does not depend on where it runs (item 2)' {
    BeforeEach {
        $authority = New-TestStore
        $agent = New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E
    }

    It 'counts an agent key bound to another machine as valid in a store audit' {
        $summary = Get-License | Test-LicenseKey -Summary
        $summary.Status | Should -Be 'Valid'
        $summary.Count | Should -Be 1
    }

    It 'answers "is this key for this machine" with -ThisMachine' {
        $result = $agent | Test-LicenseKey -ThisMachine 3>$null
        $result.Status | Should -Be 'MachineMismatch'
        $result.Message | Should -Match 'this machine'
        { $agent | Test-LicenseKey -ThisMachine -MacId 00-1A-2B-3C-4D-5E -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConflictingMachineParameters,InedoLicense.Cmdlets.Commands.TestLicenseKeyCommand'
    }
}

Describe 'Output at 80 and 120 columns (item 3)' {
    BeforeAll {
        $authority = New-TestStore
        $licence = New-License ProGet 'Litware Incorporated International' Enterprise -Months 12
        $null = New-TemporaryOrgLicense -OrganizationId ORG-12345 -Ttl 4h -IssuedTo 'Partner Ltd'
    }

    It 'keeps serial, kind, subject, status and expiry of Get-License at 80 columns' {
        $lines = @((Get-License | Out-String -Width 80) -split "`n" | Where-Object { $_ -match $licence.Serial })
        $lines | Should -HaveCount 1
        $lines[0] | Should -Match "^$($licence.Serial) License Litware"
        $lines[0] | Should -Match "Active\s+$($licence.ExpiresAt.UtcDateTime.ToString('yyyy-MM-dd HH:mm'))\s*$"
        ((Get-License | Out-String -Width 80) -split "`n" | Where-Object { $_ -match 'TempOrg ORG-12345 / Partner Ltd' }) | Should -Not -BeNullOrEmpty
    }

    It 'keeps status and expiry of Test-LicenseKey at 80 columns and the whole subject at 120' {
        $narrow = (Get-License -Serial $licence.Serial | Test-LicenseKey | Out-String -Width 80) -split "`n" | Where-Object { $_ -match $licence.Serial }
        $narrow | Should -Match "Valid .* $($licence.ExpiresAt.UtcDateTime.ToString('yyyy-MM-dd HH:mm'))\s*$"
        $wide = Get-License -Serial $licence.Serial | Test-LicenseKey | Out-String -Width 120
        $wide | Should -Match 'Litware Incorporated International: ProGet Enterprise'
    }

    It 'prints the New-LicenseIssuer header on one line' {
        $text = New-LicenseIssuer -Name admin2 -Role Issuer | Out-String -Width 80
        $text | Should -Match 'Name\s+Roles\s+NotAfter\s+Thumbprint'
        $text | Should -Match 'admin2\s+Issuer\s+\d{4}-\d\d-\d\d'
    }
}

Describe 'Get-License -Status in any case (item 5)' {
    It 'lists active licences for -Status active' {
        $authority = New-TestStore
        $licence = New-TestLicense
        (Get-License -Status active -ErrorAction Stop).Serial | Should -Be $licence.Serial
    }
}

Describe 'Errors that point at the cause and the row (item 6)' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'says a missing -CertificatePath file is missing, not that it may need a password' {
        $record = { New-License ProGet 'Contoso Ltd' Basic -CertificatePath (Join-Path $TestDrive 'nope.pfx') -ErrorAction Stop } |
            Should -Throw -ErrorId 'SigningCertificateUnavailable,InedoLicense.Cmdlets.Commands.NewLicenseCommand' -PassThru
        $record.Exception.Message | Should -Match 'There is no certificate file'
        $record.Exception.Message | Should -Not -Match 'password'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'names the customer of a bulk row with an unknown edition, and targets the row' {
        $rows = "Product,Customer,Edition`nProGet,Contoso Ltd,Basic`nProGet,Litware Inc,Platinum" | ConvertFrom-Csv
        $null = $rows | New-License -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnknownEdition,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        "$($failures[0])" | Should -Match '^Row 2 \(Product=ProGet, Customer=Litware Inc, Edition=Platinum\): ProGet has no edition'
        $failures[0].TargetObject.Customer | Should -Be 'Litware Inc'
    }
}

Describe 'Revoke-License confirms with whose key it is (item 7)' {
    It 'names the customer and product in the confirmation of a piped record' {
        $authority = New-TestStore
        $licence = New-TestLicense -Customer 'Contoso Ltd'
        $messages = $licence | Revoke-License -Confirm:$false -Verbose 4>&1
        "$messages" | Should -Match "$($licence.Serial) \(License: Contoso Ltd, ProGet Basic, expires \d{4}-\d\d-\d\d\)"
    }
}

Describe 'Keys that look like mistakes, and keys no verifier accepts (item 8; issue 14 item 3)' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'warns when a new licence has already expired' {
        $key = New-License ProGet 'Contoso Ltd' Basic -NotBefore 2025-01-31 -Months 1 -WarningVariable warnings -WarningAction SilentlyContinue
        $key | Should -Not -BeNullOrEmpty
        "$warnings" | Should -Match 'already expired'
    }

    It 'refuses a stopgap for a licence with months still to run, unless forced' {
        $null = New-License ProGet 'Contoso Ltd' Basic -Months 12
        { New-StopgapLicense ProGet 'Contoso Ltd' -ErrorAction Stop } |
            Should -Throw -ErrorId 'StopgapTooEarly,InedoLicense.Cmdlets.Commands.NewStopgapLicenseCommand'
        (New-StopgapLicense ProGet 'Contoso Ltd' -Force).Kind | Should -Be 'Stopgap'
    }

    It 'refuses a start before 1970 and a term past 9999, so the store stays verifiable' {
        { New-License ProGet 'Contoso Ltd' Basic -NotBefore 0205-03-15 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        { New-License ProGet 'Contoso Ltd' Basic -NotBefore 9990-01-01 -Months 1200 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        { New-AgentLicense ORG-1 00-1A-2B-3C-4D-5E -ExpiresAt 1960-01-01 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewAgentLicenseCommand'
        Get-License | Should -BeNullOrEmpty
        (Test-LicenseStore).IsValid | Should -BeTrue
    }
}

Describe 'PowerShell conventions (item 9)' {
    BeforeEach {
        $authority = New-TestStore
        $licence = New-License ProGet 'Contoso Ltd' Enterprise -Months 12
    }

    It 'reads a piped file named keys[2026].txt by its literal path' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))
        $file = Join-Path $folder 'keys[2026].txt'
        Set-Content -LiteralPath $file -Value $licence.Key
        $results = Get-ChildItem -LiteralPath $folder | Test-LicenseKey -ErrorAction Stop
        $results.Status | Should -Be 'Valid'
        (Test-LicenseKey -LiteralPath $file).Serial | Should -Be $licence.Serial
    }

    It 'says with -Verbose which store and certificate were used and how many keys were written' {
        $verbose = "ProGet,A,Basic`nProGet,B,Basic" | ConvertFrom-Csv -Header Product, Customer, Edition | New-License -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match ([regex]::Escape($env:INEDOLICENSE_STORE))
        "$verbose" | Should -Match 'Signing certificate: CN='
        "$verbose" | Should -Match '2 key\(s\) written'
    }

    It 'takes -ExpiringWithin 30d as TTLs are written' {
        $soon = New-License ProGet 'Fabrikam' Basic -ExpiresAt ([DateTimeOffset]::UtcNow.AddDays(10))
        (Get-License -ExpiringWithin 30d -ErrorAction Stop).Serial | Should -Be $soon.Serial
        (Get-License -ExpiringWithin '400d').Count | Should -Be 2
    }

    It 'shows Remaining, editions and features readably, and exports Features as text' {
        (Get-License -Serial $licence.Serial | Format-List | Out-String) | Should -Match 'Remaining\s+: 3\d\dd \d+h \d\dm'
        (Get-LicenseProduct ProGet | Format-List | Out-String -Width 200) | Should -Match 'Enterprise \(Paid: FeedReplication\)'
        $csv = Get-License -Serial $licence.Serial | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Features | Should -Be 'FeedReplication'
    }
}

Describe 'Completion and packaging (item 10)' {
    BeforeAll {
        $authority = New-TestStore
        function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText }
    }

    It 'offers the editions of -Product in catalogue order, and none for an unknown product' {
        Complete 'New-License -Product ProGet -Edition ' | Should -Be @('Free', 'Trial', 'Basic', 'Enterprise')
        Complete 'New-License -Product Nope -Edition ' | Should -BeNullOrEmpty
    }

    # The package's tags and links: InedoLicense.Package.Tests.ps1 (Slow: it packs the module).
}
