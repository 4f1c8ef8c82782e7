# The published test vectors (docs/test-vectors) in real pwsh, and the defects of issue 13 that a user saw in the shell:
# a far -At ended the command, one key with an unusable issuer cost a whole batch its results.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
    $vectorFolder = Join-Path $PSScriptRoot '../../docs/test-vectors'
    $vectors = (Get-Content -Raw (Join-Path $vectorFolder 'vectors.json') | ConvertFrom-Json).vectors
    $trust = Join-Path $vectorFolder 'trust.pem'
    function Get-Vector([string] $Name) { $vectors | Where-Object name -EQ $Name }
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Test vectors' {
    BeforeEach {
        # No store here: only the trust bundle (and the list, where a vector says so).
        $env:INEDOLICENSE_STORE = Join-Path $TestDrive 'no-store/licenses.db'
    }

    It 'gives every vector its expected status' {
        $wrong = foreach ($vector in $vectors) {
            $parameters = @{ Key = $vector.key; TrustBundle = $trust; At = [DateTimeOffset]$vector.at }
            if ($vector.product) { $parameters.Product = $vector.product }
            if ($vector.organizationId) { $parameters.OrganizationId = $vector.organizationId }
            if ($vector.macId) { $parameters.MacId = $vector.macId }
            if ($vector.revocationList) { $parameters.RevocationList = Join-Path $vectorFolder 'revoked.pem' }
            $status = (Test-LicenseKey @parameters).Status
            if ("$status" -ne $vector.expected) { "$($vector.name): expected $($vector.expected), got $status" }
        }
        $wrong | Should -BeNullOrEmpty
        $vectors.Count | Should -BeGreaterThan 59
    }

    It 'keeps every key of a batch when one issuer key is Ed25519' {
        $keys = (Get-Vector 'license-ecdsa').key, (Get-Vector 'issuer-ed25519-embedded').key, (Get-Vector 'license-rsa').key
        $results = $keys | Test-LicenseKey -TrustBundle $trust -At '2026-06-01T00:00:00Z'
        $results.Status | Should -Be @('Valid', 'UntrustedIssuer', 'Valid')
        $results[1].Message | Should -Match 'Ed25519'
    }

    It 'evaluates a batch at the last moments a DateTimeOffset holds' {
        $keys = (Get-Vector 'license-ecdsa').key, (Get-Vector 'license-perpetual-after-its-issuer-expired').key, (Get-Vector 'stopgap').key
        ($keys | Test-LicenseKey -TrustBundle $trust -At '9999-12-31T23:55:00Z').Status | Should -Be @('Expired', 'Valid', 'Expired')
        ($keys | Test-LicenseKey -TrustBundle $trust -At ([DateTimeOffset]::MaxValue)).Status | Should -Be @('Expired', 'Valid', 'Expired')
        ($keys | Test-LicenseKey -TrustBundle $trust -At ([DateTimeOffset]::MinValue)).Status | Should -Be @('NotYetValid', 'NotYetValid', 'NotYetValid')
    }

    It 'reads a key pasted with a byte order mark, and names a character it cannot read' {
        $key = (Get-Vector 'license-ecdsa').key
        (Test-LicenseKey -Key ([char]0xFEFF + $key) -TrustBundle $trust -At '2026-06-01T00:00:00Z').Status | Should -Be 'Valid'
        $bad = Test-LicenseKey -Key ($key.Insert(40, [string][char]0x1C)) -TrustBundle $trust -At '2026-06-01T00:00:00Z'
        $bad.Status | Should -Be 'Malformed'
        $bad.Message | Should -Match 'U\+001C'
    }
}
