#
# Module manifest for ActitoPS.
# Keep this file ASCII: Windows PowerShell 5.1 reads a BOM-less file in the system code page.
#
@{
    RootModule           = 'ActitoPS.dll'
    ModuleVersion        = '0.1.0'
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
            Tags = @('Actito', 'Marketing', 'Profiles', 'CRM', 'GDPR', 'ETL', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
        }
    }
}
