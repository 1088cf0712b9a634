#Requires -Version 5.1
# The profile cmdlets of the feeding guide's steps 1-3 in a real PowerShell, against the emulator started with `dotnet run`.
# Needs Pester 5, the .NET 10 SDK and the module built at out/ActitoPS/<version> (built here when missing).
# Run with: Invoke-Pester -Path tests/pester   (or ./build.ps1 -Task Test)
# Keep this file ASCII: Windows PowerShell 5.1 reads a BOM-less script in the system code page.

Describe 'Profile cmdlets against the emulator' {
    BeforeAll {
        $Emulator = $null
        . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
        Set-StrictMode -Version Latest
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'

        $RepoRoot = (Resolve-Path -LiteralPath (Join-PathPart $PSScriptRoot '..' '..')).ProviderPath
        $ManifestPath = Join-Path (Get-BuiltModuleDirectory -RepoRoot $RepoRoot) 'ActitoPS.psd1'
        if (-not (Test-Path -LiteralPath $ManifestPath -PathType Leaf)) {
            & (Join-Path $RepoRoot 'build.ps1') -Task Build
        }

        $Emulator = Start-ActitoEmulator -RepoRoot $RepoRoot -Port (Get-FreeTcpPort) -LogDirectory (Join-Path $RepoRoot 'out')
        Wait-ActitoEmulator -Emulator $Emulator -TimeoutSeconds 90
        $BaseUri = $Emulator.BaseUri

        Import-Module -Name $ManifestPath -Force
        $null = Connect-Actito -Entity MyEntity -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)
    }

    BeforeEach {
        $null = Invoke-RestMethod -Method Post -Uri "$BaseUri/_emulator/reset" -UseBasicParsing
        $null = Connect-Actito -Entity MyEntity -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)
        $seed = @(
            [pscustomobject]@{ customerId = '20001'; emailAddress = 'anna@example.com'; firstName = 'Anna'; lastName = 'Claes'; birthDate = '1990-01-31' }
            [pscustomobject]@{ customerId = '20002'; emailAddress = 'bart@example.com'; firstName = 'Bart'; lastName = 'Wouters' }
        )
        $null = $seed | Set-ActitoProfile -Table MyWebsiteProfiles
    }

    AfterAll {
        if (Get-Module -Name ActitoPS) {
            Disconnect-Actito
        }
        if (Get-Command -Name Stop-ActitoEmulator -ErrorAction SilentlyContinue) {
            Stop-ActitoEmulator -Emulator $Emulator
        }
    }

    It 'lists the profile table with its unique attributes and subscriptions' {
        $table = Get-ActitoProfileTable -Name MyWebsiteProfiles

        $table.Name | Should -Be 'MyWebsiteProfiles'
        (@($table.Attributes | Where-Object Unique | ForEach-Object Name) -join ',') | Should -Be 'emailAddress,customerId'
        ($table.Subscriptions -join ',') | Should -Be 'Newsletter,Promotions'
    }

    It 'reads a profile by a unique key with typed attributes' {
        $anna = Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress -Value 'anna@example.com'

        $anna.customerId | Should -Be 20001
        $anna.birthDate | Should -BeOfType [datetime]
        $anna.birthDate.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) | Should -Be '1990-01-31'
    }

    It 'deletes exactly the profile found by key' {
        Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress -Value 'bart@example.com' | Remove-ActitoProfile -Confirm:$false

        { Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress -Value 'bart@example.com' -ErrorAction Stop } | Should -Throw -ErrorId 'ActitoNotFound,ActitoPS.Profiles.GetActitoProfileCommand'
        (Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20001).firstName | Should -Be 'Anna'
    }

    It 'updates only what an edited profile changed' {
        $anna = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20001
        $anna.lastName = 'Claes-Peeters'

        $null = $anna | Set-ActitoProfile

        $again = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20001
        $again.lastName | Should -Be 'Claes-Peeters'
        $again.firstName | Should -Be 'Anna'
    }

    It 'subscribes with the consent recorded and puts a profile in a segmentation category' {
        $null = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20002 |
            Add-ActitoSubscription -Subscription Newsletter -DataCollectionSource 'Website' -DataCollectionWay 'opt-in page'
        $null = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20002 |
            Add-ActitoSegmentation -Segmentation ClientType -Category Gold

        $bart = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 20002
        $bart.Subscriptions['Newsletter'] | Should -BeTrue
        ($bart.Segmentations['ClientType'] -join ',') | Should -Be 'Gold'
    }

    It 'refuses a row that does not fit the structure without a call, naming the row and the field' {
        $rows = @(
            [pscustomobject]@{ customerId = '20003'; nbChildren = 'many' }
            [pscustomobject]@{ lastName = 'NoKey' }
        )

        $null = $rows | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 2
        $refused[0].Exception.Message | Should -BeLike "Row 1, field 'nbChildren':*"
        $refused[1].FullyQualifiedErrorId | Should -Be 'ActitoInvalidRow,ActitoPS.Profiles.SetActitoProfileCommand'
    }
}
