# The authority's keys: a passwordless root is warned about, the root can live offline, a root.pfx that is
# not the root says so, and issuing checks the signing certificate against the authority, not its role field.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $savedStore = $env:INEDOLICENSE_STORE
}

AfterAll {
    $env:INEDOLICENSE_STORE = $savedStore
}

Describe 'The root key' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $env:INEDOLICENSE_STORE = Join-Path $folder 'licenses.db'
    }

    It 'warns when the private keys would have no password' {
        $authority = New-LicenseAuthority -WarningVariable warnings -WarningAction SilentlyContinue
        $authority | Should -Not -BeNullOrEmpty
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*no password*-Password*-NoPassword*'
    }

    It 'does not warn with <Name>' -ForEach @(
        @{ Name = '-NoPassword'; Arguments = @{ NoPassword = $true } }
        @{ Name = '-Password'; Arguments = @{ Password = [System.Net.NetworkCredential]::new('', 'correct horse battery staple').SecurePassword } }
    ) {
        $null = New-LicenseAuthority @Arguments -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
    }

    It 'refuses -Password and -NoPassword together' {
        $both = @{ Password = [System.Net.NetworkCredential]::new('', 'x').SecurePassword; NoPassword = $true }
        { New-LicenseAuthority @both } | Should -Throw -ErrorId 'AmbiguousParameterSet,InedoLicense.Cmdlets.Commands.NewLicenseAuthorityCommand'
    }

    It 'can be kept offline: issuing needs only the issuer files, adding an issuer takes -RootKeyPath' {
        $authority = New-LicenseAuthority -NoPassword
        $offline = Join-Path $folder 'removable-media'
        $null = New-Item -ItemType Directory $offline
        Move-Item $authority.RootKeyPath (Join-Path $offline 'root.pfx')

        New-License ProGet 'Contoso Ltd' Basic | Should -HaveCount 1
        $record = { New-LicenseIssuer alice Issuer -ErrorAction Stop } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'RootKeyUnavailable,InedoLicense.Cmdlets.Commands.NewLicenseIssuerCommand'
        $record.Exception.Message | Should -BeLike '*-RootKeyPath*'
        Test-Path (Join-Path $authority.IssuersPath 'alice.pfx') | Should -BeFalse

        (New-LicenseIssuer alice Issuer -RootKeyPath (Join-Path $offline 'root.pfx')).Name | Should -Be 'alice'
        Test-Path $authority.RootKeyPath | Should -BeFalse
    }

    It 'says so when root.pfx is really an issuer, instead of blaming the issuer name' {
        $authority = New-LicenseAuthority -NoPassword
        Copy-Item (Join-Path $authority.IssuersPath 'issuer.pfx') $authority.RootKeyPath -Force
        $before = Get-ChildItem -Recurse $authority.Path | ForEach-Object FullName

        $record = { New-LicenseIssuer alice Issuer -ErrorAction Stop } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'RootKeyUnavailable,InedoLicense.Cmdlets.Commands.NewLicenseIssuerCommand'
        $record.Exception.Message | Should -BeLike "*holds the certificate 'CN=InedoLicense Issuer', not the authority's root*"
        $record.Exception.Message | Should -Not -BeLike '*Basic Constraints*'
        Get-ChildItem -Recurse $authority.Path | ForEach-Object FullName | Should -Be $before
    }
}

Describe 'Issuing checks the signing certificate against the authority' {
    BeforeEach {
        $authority = New-TestStore
        # Another authority, made with another store: its SuperAdmin certificate carries the role, but not this authority's root.
        $elsewhere = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $stranger = New-LicenseAuthority -Path (Join-Path $elsewhere 'authority') -StorePath (Join-Path $elsewhere 'licenses.db') -NoPassword
    }

    It 'refuses a SuperAdmin certificate from another root, and records nothing' {
        $record = { New-TemporaryOrgLicense ORG-1 1h -CertificatePath (Join-Path $stranger.IssuersPath 'superadmin.pfx') } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'SigningCertificateNotTrusted,InedoLicense.Cmdlets.Commands.NewTemporaryOrgLicenseCommand'
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.TargetObject.Subject | Should -Be 'CN=InedoLicense SuperAdmin'
        Get-License -Kind TemporaryOrganization | Should -BeNullOrEmpty

        New-TemporaryOrgLicense ORG-1 1h -CertificatePath (Join-Path $authority.IssuersPath 'superadmin.pfx') | Should -HaveCount 1
    }
}

Describe 'Names that display as something else' {
    BeforeEach {
        $authority = New-TestStore
    }

    It 'refuses a right-to-left override in a customer name, naming the field' {
        $record = { New-License ProGet "Contoso `u{202E}dtL" Basic -ErrorAction Stop } | Should -Throw -PassThru
        $record.FullyQualifiedErrorId | Should -Be 'InvalidLicenseField,InedoLicense.Cmdlets.Commands.NewLicenseCommand'
        $record.Exception.Message | Should -BeLike '*Customer*U+202E*'
        Get-License | Should -BeNullOrEmpty
    }

    It 'refuses a bidi isolate in a revocation reason' {
        $key = New-TestLicense
        { $key | Revoke-License -Reason "refund `u{2067}x" -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,InedoLicense.Cmdlets.Commands.RevokeLicenseCommand'
        (Get-License -Serial $key.Serial).RevokedAt | Should -BeNullOrEmpty
    }

    It 'still accepts names written in right-to-left scripts' {
        (New-License ProGet "`u{05D0}`u{05D1}`u{05D2} Ltd" Basic).Customer | Should -Be "`u{05D0}`u{05D1}`u{05D2} Ltd"
    }
}
