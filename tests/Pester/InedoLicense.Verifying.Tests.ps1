# Verifying keys with the trust bundle: valid, revoked, expired, malformed, in bulk, and with a revocation list.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Verifying keys' {
    BeforeEach {
        $authority = New-TestStore
        $licence = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -ExpiresAt ([DateTimeOffset]::UtcNow.AddDays(10))
    }

    It 'reports a key it issued as valid' {
        $result = Test-LicenseKey -Key $licence.Key -TrustBundle $authority.TrustBundlePath
        $result.Status | Should -Be 'Valid'
        $result.IsValid | Should -BeTrue
        $result.Serial | Should -Be $licence.Serial
        Test-LicenseKey -Key $licence.Key -Quiet | Should -BeTrue
    }

    It 'reports a revoked key as revoked, with the reason' {
        Revoke-License -Serial $licence.Serial -Reason 'Refunded' -Confirm:$false
        $result = Test-LicenseKey -Key $licence.Key
        $result.Status | Should -Be 'Revoked'
        $result.Message | Should -Match 'Refunded'
        (Get-License -Serial $licence.Serial).Status | Should -Be 'Revoked'
    }

    It 'judges validity at another moment with -At' {
        (Test-LicenseKey -Key $licence.Key -At ([DateTimeOffset]::UtcNow.AddDays(11))).Status | Should -Be 'Expired'
        # A moment before the key starts but within its issuer's validity (the issuer was created just now).
        $later = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -NotBefore ([DateTimeOffset]::UtcNow.AddDays(2)) -Months 1
        (Test-LicenseKey -Key $later.Key -At ([DateTimeOffset]::UtcNow.AddDays(1))).Status | Should -Be 'NotYetValid'
        (Test-LicenseKey -Key $licence.Key -At ([DateTimeOffset]::UtcNow.AddDays(9))).Status | Should -Be 'Valid'
    }

    It 'checks the product it is told to expect' {
        (Test-LicenseKey -Key $licence.Key -Product Otter).Status | Should -Be 'ProductMismatch'
    }

    It 'verifies a key file line by line, reporting malformed lines without stopping' {
        $file = Join-Path $TestDrive 'keys.txt'
        @('# exported keys', $licence.Key, '', 'ILK1.garbage', 'not a key at all') | Set-Content -Path $file

        $results = Test-LicenseKey -Path $file
        $results | Should -HaveCount 3
        $results.Status | Should -Be @('Valid', 'Malformed', 'Malformed')
        $results[1].Source | Should -Be "$((Resolve-Path $file).ProviderPath):4"
    }

    It 'counts keys per status with -Summary' {
        $keys = @($licence.Key, 'ILK1.garbage', (New-TestLicense -Customer 'Fabrikam').Key)
        $summary = $keys | Test-LicenseKey -Summary
        $summary | Should -HaveCount 2
        $summary | Where-Object Status -EQ 'Valid' | ForEach-Object Count | Should -Be 2
        $summary | Where-Object Status -EQ 'Malformed' | ForEach-Object Count | Should -Be 1
    }

    It 'honours a signed revocation list where there is no store' {
        Revoke-License -Serial $licence.Serial -Confirm:$false
        $list = Join-Path $TestDrive 'revoked.ilr'
        $null = Export-LicenseRevocationList -Path $list

        # A verifying machine: the trust bundle and the list, no store.
        $env:INEDOLICENSE_STORE = Join-Path $TestDrive 'no-store-here/licenses.db'
        (Test-LicenseKey -Key $licence.Key -TrustBundle $authority.TrustBundlePath).Status | Should -Be 'Valid'
        (Test-LicenseKey -Key $licence.Key -TrustBundle $authority.TrustBundlePath -RevocationList $list).Status | Should -Be 'Revoked'
        $env:INEDOLICENSE_STORE | Should -Not -Exist
    }

    It 'decodes a key without verifying it' {
        $decoded = ConvertFrom-LicenseKey -Key $licence.Key
        $decoded.Serial | Should -Be $licence.Serial
        $decoded.Customer | Should -Be 'Contoso Ltd'
    }
}
