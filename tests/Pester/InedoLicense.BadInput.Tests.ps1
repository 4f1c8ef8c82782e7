# Bad input gets an ErrorRecord with a stable ErrorId (FullyQualifiedErrorId is "<ErrorId>,<cmdlet class>"), and
# issues nothing; in a pipeline the bad item is a non-terminating error and the rest go through.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE

    # Runs the script block, which must fail; returns the error record after checking its ErrorId.
    function Assert-ErrorId([scriptblock] $Script, [string] $ErrorId) {
        $record = $Script | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $record
    }
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Bad input' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'refuses an unknown product, naming the known ones' {
        $record = Assert-ErrorId { New-License -Product Gadget -Customer 'Contoso Ltd' -Edition Basic -ErrorAction Stop } 'UnknownProduct'
        $record.Exception.Message | Should -Match 'ProGet'
        $record.TargetObject | Should -Be 'Gadget'
        Get-License | Should -BeNullOrEmpty
    }

    It 'refuses an unknown edition' {
        Assert-ErrorId { New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Platinum -ErrorAction Stop } 'UnknownEdition'
    }

    It 'refuses a MAC ID that is not one: <MacId>' -ForEach @(
        @{ MacId = 'zz-zz-zz-zz-zz-zz' }
        @{ MacId = '00-1A-2B-3C-4D' }
        @{ MacId = 'FF-FF-FF-FF-FF-FF' }
    ) {
        Assert-ErrorId { New-AgentLicense -OrganizationId ORG-1 -MacId $MacId -ErrorAction Stop } 'InvalidMacId'
        Get-License | Should -BeNullOrEmpty
    }

    It 'keeps going after a bad row of a bulk pipeline' {
        $rows = @(
            [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '00-1A-2B-3C-4D-5E' }
            [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = 'not-a-mac' }
            [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '00-1A-2B-3C-4D-5F' }
        )
        $issued = $rows | New-AgentLicense -ErrorVariable failures -ErrorAction SilentlyContinue
        $issued | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMacId,*'
        # The bad row is the target, and the message starts with it (issue 12, item 6).
        $failures[0].TargetObject.MacId | Should -Be 'not-a-mac'
        "$($failures[0])" | Should -Match '^Row 2 \(OrganizationId=ORG-1, MacId=not-a-mac\): '
    }

    It 'refuses a TTL the policy does not allow, naming the allowed ones' {
        $record = Assert-ErrorId { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 2h -ErrorAction Stop } 'TtlNotAllowed'
        $record.Exception.Message | Should -Match '1h, 4h, 8h, 1d, 3d, 7d'
    }

    It 'lets only a Super-Admin certificate issue temporary organisation keys' {
        $issuer = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile((Join-Path $authority.IssuersPath 'issuer.pfx'), $null)
        $record = Assert-ErrorId { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -SigningCertificate $issuer } 'IssuerNotAuthorizedForKind'
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        Get-License | Should -BeNullOrEmpty
    }

    It 'refuses a serial that is not one: <Command>' -ForEach @(
        @{ Command = 'Get-License'; Script = { Get-License -Serial 'nope' -ErrorAction Stop } }
        @{ Command = 'Revoke-License'; Script = { Revoke-License -Serial 'XYZ' -Confirm:$false -ErrorAction Stop } }
        @{ Command = 'New-License'; Script = { New-License -RenewalOf '12345' -ErrorAction Stop } }
        @{ Command = 'New-StopgapLicense'; Script = { New-StopgapLicense -Product ProGet -Customer 'Contoso Ltd' -LapsedLicense 'G000000000000000' -ErrorAction Stop } }
    ) {
        Assert-ErrorId $Script 'InvalidSerial'
    }

    It 'reports a well-formed serial that is not in the store' {
        $record = Assert-ErrorId { Revoke-License -Serial '0000000000000000' -Confirm:$false -ErrorAction Stop } 'LicenseNotFound'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'ends the command when the trust bundle is missing' {
        Assert-ErrorId { Test-LicenseKey -Key 'ILK1.x' -TrustBundle (Join-Path $TestDrive 'missing.pem') } 'TrustBundleNotFound'
    }
}
