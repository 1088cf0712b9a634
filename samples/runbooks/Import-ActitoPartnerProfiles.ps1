<#
.SYNOPSIS
    Loads a delivered partner file into an Actito profile table in one bulk import, and reports the rows Actito refused.

.DESCRIPTION
    The twice-a-day partner import of Actito's feeding guide, as an Azure Automation runbook (Windows PowerShell 5.1
    or PowerShell 7). The API key comes from a credential asset (its password), the entity from a variable asset.
    The file is checked against the table before anything is sent, sent as one one-shot ETL execution, and waited
    for; each refused row is written to the output with its input row number, so the job's output says what to fix.

    A spent daily import quota, or any other failure, fails the job with Actito's reason; the quota's message names
    the file kept on disk and when the quota resets, to be sent again with Start-ActitoEtl -Path.

    Dry run against the local emulator (no Azure, no Actito): see docs/runbooks.md.

.PARAMETER Path
    The delivered CSV (or CSV.gz, or a ZIP of one CSV), UTF-8 without a byte order mark.

.PARAMETER BaseUri
    Connect to this address instead of -Environment: the emulator's, for a dry run.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $Path,

    [string] $Table = 'MyWebsiteProfiles',

    [ValidateSet('CreateOrUpdate', 'CreateOnly', 'UpdateOnly', 'Delete')]
    [string] $Mode = 'CreateOrUpdate',

    [string] $Separator = ',',

    [string] $CredentialName = 'ActitoApiKey',

    [string] $EntityVariableName = 'ActitoEntity',

    [ValidateSet('Api3', 'Test')]
    [string] $Environment = 'Api3',

    [string] $BaseUri,

    [int] $TimeoutSec = 3600
)

# A runbook never prompts and stops at the first failure; progress records would only fill the job's streams.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'

Import-Module ActitoPS

$connect = @{
    Entity     = Get-AutomationVariable -Name $EntityVariableName
    Credential = Get-AutomationPSCredential -Name $CredentialName
}
if ($BaseUri) { $connect.BaseUri = $BaseUri } else { $connect.Environment = $Environment }
$connection = Connect-Actito @connect
Write-Verbose "Connected to $($connection.Entity) with the key of $($connection.CredentialSource)."

try {
    $execution = Start-ActitoEtl -Path $Path -Table $Table -Mode $Mode -Separator $Separator -Wait -Timeout $TimeoutSec
}
catch {
    if ($_.FullyQualifiedErrorId -like 'ActitoImportQuotaExceeded*') {
        throw "The daily bulk imports of '$Table' are spent, nothing was loaded. $($_.Exception.Message)"
    }
    throw
}

if ($null -eq $execution) {
    throw "No execution finished for $Path (see the errors above)."
}

Write-Output ("Execution {0} into {1}: {2} lines read, {3} inserted, {4} updated, {5} in error." -f
    $execution.Id, $execution.Table, $execution.LinesRead, $execution.Inserted, $execution.Updated, $execution.LinesInError)

if ($execution.LinesInError -gt 0) {
    foreach ($refused in ($execution | Get-ActitoEtlError)) {
        Write-Output ("Row {0} refused ({1}): {2}" -f $refused.Row, $refused.ErrorCode, $refused.Message)
    }
}
