#
# Module manifest for ActitoPS.
# Keep this file ASCII: Windows PowerShell 5.1 reads a BOM-less file in the system code page.
#
@{
    RootModule           = 'ActitoPS.dll'
    ModuleVersion        = '0.2.0'
    GUID                 = '31a167ce-6f10-4af2-a70b-55c21febe7e8'
    Author               = 'ActitoPS'
    CompanyName          = 'ActitoPS'
    Copyright            = '(c) ActitoPS. All rights reserved.'
    Description          = 'Feeds the Actito marketing platform from PowerShell: connect with an API key, then read, create, update and delete profiles, their subscriptions (with GDPR consent) and segmentations, and custom-table records, from Import-Csv pipelines, hashtables or any object, one non-terminating error per bad row.'

    # The assemblies target netstandard2.0 and compile against PowerShellStandard.Library 5.1,
    # so one build loads in Windows PowerShell 5.1 (Desktop) and PowerShell 7 (Core).
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'

    # Explicit lists, never '*': module auto-loading and Get-Command read them without loading the DLL.
    CmdletsToExport      = @(
        'Add-ActitoSegmentation'
        'Add-ActitoSubscription'
        'Connect-Actito'
        'Disconnect-Actito'
        'Get-ActitoConnection'
        'Get-ActitoCustomTable'
        'Get-ActitoEtl'
        'Get-ActitoEtlError'
        'Get-ActitoEtlExecution'
        'Get-ActitoProfile'
        'Get-ActitoProfileTable'
        'Get-ActitoRecord'
        'Get-ActitoWebhookSubscription'
        'New-ActitoEtl'
        'New-ActitoWebhookSubscription'
        'Remove-ActitoEtl'
        'Remove-ActitoProfile'
        'Remove-ActitoRecord'
        'Remove-ActitoSegmentation'
        'Remove-ActitoSubscription'
        'Remove-ActitoWebhookSubscription'
        'Save-ActitoEtlOutput'
        'Set-ActitoProfile'
        'Set-ActitoRecord'
        'Start-ActitoEtl'
        'Wait-ActitoEtl'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    FormatsToProcess     = @('ActitoPS.format.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags         = @('Actito', 'Marketing', 'Profiles', 'CRM', 'GDPR', 'ETL', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # The newest section of CHANGELOG.md, as it stands there (a test compares them).
            ReleaseNotes = '- Bulk loads through Actito''s mass imports v5: Start-ActitoEtl streams pipeline objects or delivered files
  (CSV, CSV.gz, ZIP) into a one-shot ETL execution, checked against the table before anything is sent;
  Wait-ActitoEtl, Get-ActitoEtlExecution, Save-ActitoEtlOutput and Get-ActitoEtlError follow the execution
  and what it leaves behind. A spool file stays until Actito accepted it; the daily quota is a clear error
  that names it.
- TRIGGERED ETLs: New-, Get- and Remove-ActitoEtl; Start-ActitoEtl -EtlId pushes rows, a file, or several
  files zipped by their fileNamePattern (-File).
- Webhooks on ETL executions: New-, Get- and Remove-ActitoWebhookSubscription.
- Azure Automation runbooks in samples/runbooks, with a dry run against the emulator (docs/runbooks.md).
- CsvHelper and its support assemblies ship in Dependencies/ and load through the module''s resolver, so
  Windows PowerShell 5.1 binds them.
- Get-Help shows every list, parameter description and line of example code of the help pages as written
  (the pages keep to the markdown platyPS carries into external help); every example runs against the
  emulator in the tests.'
        }
    }
}
