# Each main issuing flow, each in a fresh store.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'Issuing keys' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'creates an authority with a trust bundle beside the store' {
        $authority.TrustBundlePath | Should -Exist
        Split-Path -Parent $authority.Path | Should -Be (Split-Path -Parent $env:INEDOLICENSE_STORE)
        $env:INEDOLICENSE_STORE | Should -Exist
    }

    It 'issues a licence, records it and verifies it' {
        $licence = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic

        $licence.Kind | Should -Be 'License'
        $licence.Key | Should -Match '^ILK1\.'
        $licence.Serial | Should -Match '^[0-9A-F]{16}$'
        (Get-License -Serial $licence.Serial).Customer | Should -Be 'Contoso Ltd'
        (Test-LicenseKey -Key $licence.Key).Status | Should -Be 'Valid'
    }

    It 'issues a 30-day trial stopgap to a customer whose licence lapsed' {
        $lapsed = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -ExpiresAt ([DateTimeOffset]::UtcNow.AddMinutes(30))
        $stopgap = New-StopgapLicense -Product ProGet -Customer 'Contoso Ltd' -Reason PurchaseOrderPending

        $stopgap.Kind | Should -Be 'Stopgap'
        $stopgap.Edition | Should -Be 'Trial'
        $stopgap.StopgapFor | Should -Be $lapsed.Serial
        ($stopgap.ExpiresAt - $stopgap.NotBefore).TotalDays | Should -Be 30
        { New-StopgapLicense -Product ProGet -Customer 'Contoso Ltd' -ErrorAction Stop } | Should -Throw -ErrorId 'StopgapAlreadyIssued,InedoLicense.Cmdlets.Commands.NewStopgapLicenseCommand'
    }

    It 'issues agent keys from CSV rows, bound to each MAC ID' {
        $agents = @'
OrganizationId,MacId
ORG-1,00-1A-2B-3C-4D-5E
ORG-1,00:1a:2b:3c:4d:5f
ORG-2,001A2B3C4D60
'@ | ConvertFrom-Csv | New-AgentLicense

        $agents | Should -HaveCount 3
        $agents.MacId | Should -Be @('00-1A-2B-3C-4D-5E', '00-1A-2B-3C-4D-5F', '00-1A-2B-3C-4D-60')
        (Test-LicenseKey -Key $agents[0].Key -MacId 00-1A-2B-3C-4D-5E).Status | Should -Be 'Valid'
        (Test-LicenseKey -Key $agents[0].Key -MacId 00-1A-2B-3C-4D-5F).Status | Should -Be 'MachineMismatch'
    }

    It 'issues a temporary organisation key that fits the agent''s field and lists it' {
        $temporary = New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 4h -IssuedTo 'Partner Ltd' -Purpose 'Ticket 42'

        $temporary.Kind | Should -Be 'TemporaryOrganization'
        $temporary.Key.Length | Should -BeLessThan 400
        ($temporary.ExpiresAt - $temporary.IssuedAt).TotalHours | Should -Be 4
        $listed = Get-TemporaryOrgLicense -OrganizationId ORG-1
        $listed.Serial | Should -Be $temporary.Serial
        $listed.IssuedTo | Should -Be 'Partner Ltd'
    }

    It 'renews a licence from its expiry, once' {
        $old = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -Months 12
        $renewal = $old | New-License

        $renewal.RenewalOf | Should -Be $old.Serial
        $renewal.NotBefore | Should -Be $old.ExpiresAt
        $renewal.Customer | Should -Be 'Contoso Ltd'
        { New-License -RenewalOf $old.Serial -ErrorAction Stop } | Should -Throw -ErrorId 'LicenseAlreadyRenewed,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
    }

    It 'words a refused renewal with the parameters to use, from the module''s messages' {
        $old = New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -Months 12
        $record = { New-License -RenewalOf $old.Serial -NotBefore ([DateTimeOffset]::UtcNow) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRenewal,InedoLicense.Cmdlets.Commands.NewLicenseCommand' -PassThru
        $record.TargetObject | Should -Be $old.Serial
        $record.Exception.Message | Should -BeLike "A renewal starts when $($old.Serial) expires (*); it takes no -NotBefore."
        $record = { New-License -RenewalOf $old.Serial -Edition Free -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRenewal,InedoLicense.Cmdlets.Commands.NewLicenseCommand' -PassThru
        $record.Exception.Message | Should -BeLike '*is a Free edition. Pass -Edition with a paid one (Basic, Enterprise).'
    }

    It 'issues nothing with -WhatIf' {
        New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Basic -WhatIf | Should -BeNullOrEmpty
        Get-License | Should -BeNullOrEmpty
    }
}
