#Requires -Version 5.1
# Set-ActitoProfile in a real PowerShell, against the emulator started with `dotnet run`.
# Needs Pester 5, the .NET 10 SDK and the module built at out/ActitoPS/<version> (built here when missing).
# Run with: Invoke-Pester -Path tests/pester   (or ./build.ps1 -Task Test)
# Keep this file ASCII: Windows PowerShell 5.1 reads a BOM-less script in the system code page.

Describe 'Set-ActitoProfile against the emulator' {
    BeforeAll {
        $Emulator = $null
        . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
        Set-StrictMode -Version Latest
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'

        $RepoRoot = (Resolve-Path -LiteralPath (Join-PathPart $PSScriptRoot '..' '..')).ProviderPath
        $ManifestPath = Join-Path (Get-BuiltModuleDirectory -RepoRoot $RepoRoot) 'ActitoPS.psd1'
        $CsvPath = Join-PathPart $RepoRoot 'samples' 'profiles.csv'
        if (-not (Test-Path -LiteralPath $ManifestPath -PathType Leaf)) {
            & (Join-Path $RepoRoot 'build.ps1') -Task Build
        }

        $Emulator = Start-ActitoEmulator -RepoRoot $RepoRoot -Port (Get-FreeTcpPort) -LogDirectory (Join-Path $RepoRoot 'out')
        Wait-ActitoEmulator -Emulator $Emulator -TimeoutSeconds 90
        $BaseUri = $Emulator.BaseUri

        Import-Module -Name $ManifestPath -Force
        $Connection = Connect-Actito -Entity MyEntity -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)

        function Get-EmulatorProfileByCustomer {
            # The emulator's own view of table MyWebsiteProfiles, keyed by customerId.
            param([Parameter(Mandatory = $true)] [string] $BaseUri)
            $state = Invoke-RestMethod -Uri "$BaseUri/_emulator/state" -UseBasicParsing
            $entity = @($state.entities | Where-Object { $_.name -eq 'MyEntity' })[0]
            $table = @($entity.profileTables | Where-Object { $_.name -eq 'MyWebsiteProfiles' })[0]
            $byCustomer = @{}
            foreach ($stored in @($table.profiles)) {
                # A profile holds only the attributes it was given: ask before reading one (strict mode).
                $customerId = $stored.attributes.PSObject.Properties['customerId']
                if ($null -ne $customerId) {
                    $byCustomer[[string]$customerId.Value] = $stored
                }
            }
            $byCustomer
        }

        function Get-EmulatorApiRequest {
            # The emulator's log of Actito API calls (its own /_emulator/ calls left out).
            param([Parameter(Mandatory = $true)] [string] $BaseUri)
            # Assigned before piping: Windows PowerShell 5.1 emits a JSON array as one object.
            $log = Invoke-RestMethod -Uri "$BaseUri/_emulator/requests" -UseBasicParsing
            @($log | Where-Object { $null -ne $_ -and -not "$($_.path)".StartsWith('/_emulator') })
        }
    }

    AfterAll {
        if (Get-Module -Name ActitoPS) {
            Disconnect-Actito
        }
        if (Get-Command -Name Stop-ActitoEmulator -ErrorAction SilentlyContinue) {
            Stop-ActitoEmulator -Emulator $Emulator
        }
    }

    It 'upserts every row of samples/profiles.csv, in input order, and the emulator holds each one' {
        $rows = @(Import-Csv -LiteralPath $CsvPath -Encoding UTF8)

        $results = @($rows | Set-ActitoProfile -Table MyWebsiteProfiles)

        $results.Count | Should -Be $rows.Count
        ($results | ForEach-Object { $_.RowNumber }) -join ',' | Should -Be ((1..$rows.Count) -join ',')
        $stored = Get-EmulatorProfileByCustomer -BaseUri $BaseUri
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $results[$i].PSObject.TypeNames[0] | Should -Be 'ActitoPS.Core.Profiles.ProfileUpsertResult'
            $results[$i].Table | Should -Be 'MyWebsiteProfiles'
            $results[$i].ProfileId | Should -BeGreaterThan 0
            $held = $stored[[string]$rows[$i].customerId]
            $held | Should -Not -BeNullOrEmpty -Because "customerId $($rows[$i].customerId) was sent"
            $held.profileId | Should -Be $results[$i].ProfileId
            $held.attributes.emailAddress | Should -BeExactly $rows[$i].emailAddress
            $held.attributes.firstName | Should -BeExactly $rows[$i].firstName
        }
    }

    It 'keeps accented names intact from the UTF-8 file to Actito' {
        # Windows PowerShell 5.1 reads BOM-less files in the system code page unless told -Encoding UTF8.
        $helene = 'H{0}l{1}ne' -f [char]0x00E9, [char]0x00E8
        $row = @(Import-Csv -LiteralPath $CsvPath -Encoding UTF8 | Where-Object { $_.customerId -eq '10001' })

        $row.Count | Should -Be 1
        $row[0].firstName | Should -BeExactly $helene
        $null = $row | Set-ActitoProfile -Table MyWebsiteProfiles

        (Get-EmulatorProfileByCustomer -BaseUri $BaseUri)['10001'].attributes.firstName | Should -BeExactly $helene
    }

    It 'shows results in the table view of ActitoPS.format.ps1xml' {
        $results = @(Import-Csv -LiteralPath $CsvPath -Encoding UTF8 | Select-Object -First 2 | Set-ActitoProfile -Table MyWebsiteProfiles)

        $table = $results | Format-Table | Out-String

        $table | Should -Match 'RowNumber\s+Table\s+ProfileId'
        $table | Should -Not -Match 'Response'
    }

    It 'reports a bad row as one non-terminating error whose target is that row, and writes the others' {
        $rows = @(Import-Csv -LiteralPath $CsvPath -Encoding UTF8 | Select-Object -First 3)
        $rows[1].nbChildren = 'many'

        $results = @($rows | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        @($rowErrors).Count | Should -Be 1
        $rowErrors[0].TargetObject.customerId | Should -Be $rows[1].customerId
        $rowErrors[0].TargetObject.nbChildren | Should -Be 'many'
        $rowErrors[0].Exception.Message | Should -Match '^Row 2\b'
        $rowErrors[0].Exception.Message | Should -Match 'nbChildren'
        "$($rowErrors[0].CategoryInfo.Category)" | Should -Be 'InvalidData'
        $rowErrors[0].ErrorDetails.Message | Should -Match 'nbChildren'
        ($results | ForEach-Object { $_.RowNumber }) -join ',' | Should -Be '1,3'
    }

    It 'sends nothing with -WhatIf' {
        $rows = @(Import-Csv -LiteralPath $CsvPath -Encoding UTF8)
        $before = @(Get-EmulatorApiRequest -BaseUri $BaseUri)

        $output = @($rows | Set-ActitoProfile -Table MyWebsiteProfiles -WhatIf)

        $output.Count | Should -Be 0
        @(Get-EmulatorApiRequest -BaseUri $BaseUri).Count | Should -Be $before.Count

        # The same row without -WhatIf does reach the log, so the count above could have moved.
        $null = $rows[0] | Set-ActitoProfile -Table MyWebsiteProfiles
        @(Get-EmulatorApiRequest -BaseUri $BaseUri).Count | Should -BeGreaterThan $before.Count
    }

    It 'refuses a wrong key with a clear error that never shows the key, and keeps the current connection' {
        $wrongKey = 'wrong-' + [guid]::NewGuid().ToString('N')
        $secureKey = ConvertTo-SecureString -String $wrongKey -AsPlainText -Force
        $verbose = [System.Collections.Generic.List[object]]::new()
        $failure = $null

        try {
            Connect-Actito -Entity MyEntity -BaseUri $BaseUri -ApiKey $secureKey -Verbose -ErrorAction Stop 4>&1 |
                ForEach-Object { $verbose.Add($_) }
        }
        catch {
            $failure = $_
        }

        $failure | Should -Not -BeNullOrEmpty -Because 'Connect-Actito must fail on a key the licence does not know'
        $failure.Exception.Message | Should -Match '401'
        "$($failure.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
        $verbose.Count | Should -BeGreaterThan 0 -Because '-Verbose traces the token call, so the check below covers them'
        $details = if ($null -ne $failure.ErrorDetails) { $failure.ErrorDetails.Message } else { '' }
        $everything = @(($failure | Out-String), $failure.Exception.ToString(), $details, ($verbose | Out-String)) -join [System.Environment]::NewLine
        $everything | Should -Not -Match ([regex]::Escape($wrongKey))
        (Get-ActitoConnection).ConnectedAt | Should -Be $Connection.ConnectedAt
    }

    It 'returns a connection that says where the key came from and holds no secret' {
        $shown = $Connection | Format-List -Property * | Out-String

        $Connection.CredentialSource | Should -Be '-ApiKey parameter'
        $Connection.Entity | Should -Be 'MyEntity'
        $shown | Should -Not -Match 'local-dev-key'
    }
}
