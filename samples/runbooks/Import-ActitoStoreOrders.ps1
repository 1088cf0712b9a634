<#
.SYNOPSIS
    Pushes the day's store files (profiles and their orders) to a TRIGGERED multi-file ETL, and reports refused rows.

.DESCRIPTION
    The guide's "profiles and orders" ETL as an Azure Automation runbook: the ETL is defined once (New-ActitoEtl,
    or Actito's console) with two files, each with its fileCode and fileNamePattern. The runbook zips both files into
    one archive whose entries are named by those patterns for today, pushes it (one execution, the files loaded in
    sequence), waits, and writes each refused row with its file's code.

    Dry run against the local emulator: see docs/runbooks.md.

.PARAMETER EtlId
    The TRIGGERED ETL's id; by default from the variable asset ActitoOrdersEtlId.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $ProfilesPath,

    [Parameter(Mandatory = $true)]
    [string] $OrdersPath,

    [string] $EtlId,

    [string] $CredentialName = 'ActitoApiKey',

    [string] $EntityVariableName = 'ActitoEntity',

    [ValidateSet('Api3', 'Test')]
    [string] $Environment = 'Api3',

    [string] $BaseUri,

    [int] $TimeoutSec = 3600
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'

Import-Module ActitoPS

if (-not $EtlId) { $EtlId = Get-AutomationVariable -Name 'ActitoOrdersEtlId' }
$connect = @{
    Entity     = Get-AutomationVariable -Name $EntityVariableName
    Credential = Get-AutomationPSCredential -Name $CredentialName
}
if ($BaseUri) { $connect.BaseUri = $BaseUri } else { $connect.Environment = $Environment }
Connect-Actito @connect | Out-Null

try {
    $execution = Start-ActitoEtl -EtlId $EtlId -File @{ profiles = $ProfilesPath; orders = $OrdersPath } -Wait -Timeout $TimeoutSec
}
catch {
    if ($_.FullyQualifiedErrorId -like 'ActitoImportQuotaExceeded*') {
        throw "A table of ETL $EtlId has spent its daily bulk imports, nothing was loaded. $($_.Exception.Message)"
    }
    throw
}

if ($null -eq $execution) {
    throw "No execution of ETL $EtlId finished (see the errors above)."
}

Write-Output ("Execution {0} of ETL {1}: {2} lines read, {3} inserted, {4} updated, {5} in error." -f
    $execution.Id, $EtlId, $execution.LinesRead, $execution.Inserted, $execution.Updated, $execution.LinesInError)

if ($execution.LinesInError -gt 0) {
    foreach ($refused in ($execution | Get-ActitoEtlError)) {
        Write-Output ("Line {0} refused ({1}): {2}" -f $refused.Line, $refused.ErrorCode, $refused.Message)
    }
}
