#Requires -Version 5.1
<#
.SYNOPSIS
Builds, tests, documents, packages and demonstrates the ActitoPS module.

.DESCRIPTION
Tasks, run in the order given (a task that needs the built module builds it first):

  Build    dotnet publish src/ActitoPS to out/ActitoPS/<version>, the PowerShell Gallery's layout: assemblies,
           Dependencies/, manifest, format file, and en-US help once Docs ran (the layout is
           src/ActitoPS/ModuleLayout.targets). Import-Module ./out/ActitoPS finds the version folder.
  Test     dotnet test over the solution, then the Pester tests in tests/pester when Pester 5 is installed.
  Docs     platyPS turns docs/en-US into external help (out/help/en-US), then Build publishes it with the module.
  Package  makes out/ActitoPS/<version> a package (LICENSE added when the repository has one, debug symbols
           left out), checks it with Test-ModuleManifest, and zips it into out/ActitoPS.zip for Azure
           Automation (the zip, its folder and the manifest named alike, as Automation requires).
  Demo     the default: builds, starts the local Actito emulator, runs the README quick start against
           it, shows a profile it now holds, and stops the emulator whatever happened.

The built module is only imported in child PowerShell processes, never in the session that runs this
script: a loaded assembly cannot be unloaded, and on Windows it would lock out/ActitoPS against the
next build.

.PARAMETER Task
One or more of Build, Test, Docs, Package, Demo, as a list (-Task Build, Package at a PowerShell prompt) or as
one comma-separated word (pwsh ./build.ps1 -Task Build,Package from bash or cmd, where pwsh -File takes each
argument as a string).

.PARAMETER Configuration
The dotnet build configuration, Release unless told otherwise.

.EXAMPLE
pwsh ./build.ps1

Builds the module, starts the emulator on http://127.0.0.1:5080, runs the quick start and stops it.

.EXAMPLE
pwsh ./build.ps1 -Task Build,Docs,Package 2>&1 | tee build.log

Builds the module with its help into out/ActitoPS/<version> and zips it into out/ActitoPS.zip, keeping a log.
#>
[CmdletBinding()]
param(
    # Not a ValidateSet: 'Build,Package' arrives as one string from `pwsh -File`, and is split below.
    [Parameter(Position = 0)]
    [ArgumentCompleter({
            param($commandName, $parameterName, $wordToComplete)
            'Build', 'Test', 'Docs', 'Package', 'Demo' | Where-Object { $_ -like "$wordToComplete*" }
        })]
    [string[]] $Task = 'Demo',

    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Windows PowerShell draws a progress bar for every web call and file copy, which slows them down.
$ProgressPreference = 'SilentlyContinue'

$KnownTasks = @('Build', 'Test', 'Docs', 'Package', 'Demo')
$Task = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $Task) {
    if ($KnownTasks -notcontains $name) {
        throw "build.ps1 has no task '$name'. Tasks: $($KnownTasks -join ', ') (several as -Task Build,Package)."
    }
}

$RepoRoot = $PSScriptRoot
. (Join-Path (Join-Path (Join-Path $RepoRoot 'tests') 'pester') 'EmulatorHelpers.ps1')

$OutDir = Join-Path $RepoRoot 'out'
$ModuleDir = Get-BuiltModuleDirectory -RepoRoot $RepoRoot
$ModuleRoot = Split-Path -Parent $ModuleDir
$HelpDir = Join-PathPart $OutDir 'help' 'en-US'
$DemoPort = 5080
$script:ModuleBuilt = $false

function Write-Step {
    param([Parameter(Mandatory = $true)] [string] $Message)
    Write-Host ''
    Write-Host "==> $Message" -ForegroundColor Cyan
}

function Get-PowerShellExecutable {
    # The child processes run the same PowerShell as this script: pwsh for 7, powershell.exe for 5.1.
    $current = (Get-Process -Id $PID).Path
    if ($current -and ([System.IO.Path]::GetFileNameWithoutExtension($current) -in @('pwsh', 'powershell'))) {
        return $current
    }
    # Hosts such as the ISE are not a console PowerShell; the one in $PSHOME is.
    foreach ($name in @('pwsh.exe', 'pwsh', 'powershell.exe')) {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            return $candidate
        }
    }
    throw "Could not find a PowerShell executable to run the child process (looked at '$current' and in '$PSHOME')."
}

function Invoke-ChildPowerShell {
    # The script goes to a temporary file run with -File. With -EncodedCommand, a child whose stderr is redirected
    # (`pwsh ./build.ps1 2>&1 | tee build.log`, a CI log, a scheduled task) writes its information and progress
    # streams there as '#< CLIXML' blobs; with -File they stay text.
    param(
        [Parameter(Mandatory = $true)] [string] $Script,
        [Parameter(Mandatory = $true)] [string] $What
    )
    $scriptPath = Join-Path ([System.IO.Path]::GetTempPath()) ("actitops-build-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
    # UTF-8 with a BOM: Windows PowerShell 5.1 reads a BOM-less script in the system code page.
    [System.IO.File]::WriteAllText($scriptPath, $Script, (New-Object System.Text.UTF8Encoding($true)))
    try {
        $powershell = Get-PowerShellExecutable
        & $powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $scriptPath | Out-Host
        if ($LASTEXITCODE -ne 0) {
            throw "$What failed (exit code $LASTEXITCODE); see the output above."
        }
    }
    finally {
        Remove-Item -LiteralPath $scriptPath -Force -ErrorAction SilentlyContinue
    }
}

function ConvertTo-SingleQuoted {
    # For paths pasted into a child script: a single-quoted PowerShell string expands nothing.
    param([Parameter(Mandatory = $true)] [string] $Text)
    "'" + $Text.Replace("'", "''") + "'"
}

function Invoke-BuildTask {
    # What the module folder holds (assemblies, manifest, format file, help once Docs made it) is defined
    # once, in src/ActitoPS/ModuleLayout.targets: the in-engine tests publish the same folder the same way.
    Write-Step "Build: dotnet publish src/ActitoPS ($Configuration) into $ModuleDir"
    # Earlier versions' folders go too: Import-Module ./out/ActitoPS takes the newest it finds.
    if (Test-Path -LiteralPath $ModuleRoot) {
        try {
            Remove-Item -LiteralPath $ModuleRoot -Recurse -Force
        }
        catch {
            throw ("Could not clear ${ModuleDir}: $($_.Exception.Message) On Windows, a PowerShell session that " +
                'imported ActitoPS from there keeps ActitoPS.dll locked: close that session and build again.')
        }
    }
    Invoke-DotNet -Arguments @('publish', (Join-PathPart $RepoRoot 'src' 'ActitoPS'),
        '--configuration', $Configuration, '--output', $ModuleDir, '--nologo')
    $script:ModuleBuilt = $true
    Write-Host "Module ready: $(Join-Path $ModuleDir 'ActitoPS.psd1')"
}

function Confirm-ModuleBuilt {
    if (-not $script:ModuleBuilt) {
        Invoke-BuildTask
    }
}

function Invoke-TestTask {
    Write-Step "Test: dotnet test ($Configuration)"
    Invoke-DotNet -Arguments @('test', (Join-Path $RepoRoot 'ActitoPS.sln'), '--configuration', $Configuration, '--nologo')

    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if ($null -eq $pester) {
        Write-Warning ('Pester 5 is not installed, so tests/pester did not run. ' +
            'Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser, then run ./build.ps1 -Task Test.')
        return
    }

    Confirm-ModuleBuilt
    Write-Step "Test: Pester $($pester.Version) over tests/pester (in a child PowerShell)"
    $testsPath = ConvertTo-SingleQuoted (Join-Path $RepoRoot (Join-Path 'tests' 'pester'))
    $pesterPath = ConvertTo-SingleQuoted $pester.Path
    $childScript = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module $pesterPath
`$result = Invoke-Pester -Path $testsPath -Output Detailed -PassThru
if (`$result.Result -ne 'Passed') { exit 1 }
exit 0
"@
    Invoke-ChildPowerShell -Script $childScript -What 'The Pester tests'
}

function Invoke-DocsTask {
    Write-Step 'Docs: platyPS New-ExternalHelp from docs/en-US'
    # Only the classic platyPS (0.14) has New-ExternalHelp; Microsoft.PowerShell.PlatyPS 1.x renamed it.
    # The pages keep to what 0.14 carries into MAML (docs/README.md), and the tests model its rules.
    $platyPS = Get-Module -ListAvailable -Name platyPS |
        Where-Object { $_.Version -ge [version]'0.14.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if ($null -eq $platyPS) {
        Write-Warning ('platyPS 0.14 is not installed, so no external help was built: Get-Help will show syntax only. ' +
            'Install-Module platyPS -RequiredVersion 0.14.2 -Scope CurrentUser, then run ./build.ps1 -Task Docs.')
        return
    }
    Import-Module -Name $platyPS.Path
    if (Test-Path -LiteralPath $HelpDir) {
        Remove-Item -LiteralPath $HelpDir -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $HelpDir -Force
    $null = New-ExternalHelp -Path (Join-PathPart $RepoRoot 'docs' 'en-US') -OutputPath $HelpDir -Force
    Write-Host "External help written to $HelpDir"
    # The module folder takes out/help/en-US when it is published: publish again so it holds the new help.
    Invoke-BuildTask
}

function Invoke-PackageTask {
    Confirm-ModuleBuilt
    Write-Step "Package: $ModuleDir"
    Get-ChildItem -LiteralPath $ModuleDir -Recurse -File -Filter '*.pdb' | Remove-Item -Force
    $license = Join-Path $RepoRoot 'LICENSE'
    if (Test-Path -LiteralPath $license -PathType Leaf) {
        Copy-Item -LiteralPath $license -Destination $ModuleDir
    }
    else {
        Write-Warning 'The repository has no LICENSE file, so the package carries none: the Gallery expects one.'
    }

    # In a child process: Test-ModuleManifest resolves the module's files, and no assembly stays loaded here.
    $manifest = ConvertTo-SingleQuoted (Join-Path $ModuleDir 'ActitoPS.psd1')
    Invoke-ChildPowerShell -What 'Test-ModuleManifest' -Script @"
`$ErrorActionPreference = 'Stop'
`$module = Test-ModuleManifest -Path $manifest
Write-Host ('Test-ModuleManifest: {0} {1}, {2} cmdlets' -f `$module.Name, `$module.Version, `$module.ExportedCmdlets.Count)
"@

    $zipPath = Join-Path $OutDir 'ActitoPS.zip'
    Write-Step "Package: $zipPath (Azure Automation)"
    if (Test-Path -LiteralPath $zipPath) {
        Remove-Item -LiteralPath $zipPath -Force
    }

    # Compress-Archive on Windows PowerShell 5.1 writes '\' into entry names, which breaks the zip on
    # Linux and macOS; entries are written here one by one with '/'.
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        Add-Type -AssemblyName 'System.IO.Compression', 'System.IO.Compression.FileSystem'
    }
    else {
        Add-Type -AssemblyName System.IO.Compression.ZipFile
    }
    $root = (Resolve-Path -LiteralPath $ModuleDir).ProviderPath.TrimEnd([char[]]@('\', '/'))
    $zip = [System.IO.Compression.ZipFile]::Open($zipPath, 'Create')
    try {
        foreach ($file in Get-ChildItem -LiteralPath $root -Recurse -File) {
            $relative = $file.FullName.Substring($root.Length + 1)
            if (Test-OnWindows) {
                $relative = $relative.Replace('\', '/')
            }
            $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, "ActitoPS/$relative", 'Optimal')
        }
    }
    finally {
        $zip.Dispose()
    }
    Write-Host "PowerShell Gallery: Publish-Module -Path $ModuleDir. Azure Automation: import $zipPath as a module."
}

function Show-EmulatorProfile {
    # Reads back what the emulator now holds, to show that the quick start really wrote the profiles.
    param([Parameter(Mandatory = $true)] [string] $BaseUri)
    $state = Invoke-RestMethod -Uri "$BaseUri/_emulator/state" -UseBasicParsing
    $table = @($state.entities | Where-Object { $_.name -eq 'MyEntity' } | ForEach-Object { $_.profileTables } |
            Where-Object { $_.name -eq 'MyWebsiteProfiles' })
    $held = @($table | ForEach-Object { $_.profiles } | Where-Object {
            # A profile holds only the attributes it was given: ask before reading one (strict mode).
            $customerId = $_.attributes.PSObject.Properties['customerId']
            $null -ne $customerId -and "$($customerId.Value)" -eq '10001'
        })
    if ($held.Count -ne 1) {
        throw "After the quick start the emulator should hold one profile with customerId 10001; it holds $($held.Count)."
    }
    Write-Host ''
    Write-Host "The emulator now holds $(@($table[0].profiles).Count) profiles in MyWebsiteProfiles; customerId 10001 is profile $($held[0].profileId):"
    $held[0].attributes | Format-List | Out-Host
}

function Invoke-DemoTask {
    Confirm-ModuleBuilt
    Write-Step "Demo: the README quick start against the emulator on http://127.0.0.1:$DemoPort"
    $emulator = $null
    try {
        $emulator = Start-ActitoEmulator -RepoRoot $RepoRoot -Port $DemoPort -LogDirectory $OutDir -Configuration $Configuration
        Wait-ActitoEmulator -Emulator $emulator -TimeoutSeconds 60
        Write-Host "Emulator up at $($emulator.BaseUri) (process $($emulator.Process.Id))."

        # The same lines as the README's quick start, each echoed before it runs.
        $quickStart = @(
            "Connect-Actito -Entity MyEntity -BaseUri $($emulator.BaseUri) -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)"
            'Import-Csv -Path samples/profiles.csv -Encoding UTF8 | Set-ActitoProfile -Table MyWebsiteProfiles | Format-Table'
            'Disconnect-Actito'
        )
        $lines = foreach ($line in $quickStart) {
            "Write-Host $(ConvertTo-SingleQuoted "PS> $line") -ForegroundColor Green"
            "& { $line } | Out-Host"
        }
        $childScript = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Set-Location -LiteralPath $(ConvertTo-SingleQuoted $RepoRoot)
Import-Module $(ConvertTo-SingleQuoted (Join-Path $ModuleDir 'ActitoPS.psd1'))
$($lines -join [System.Environment]::NewLine)
"@
        Invoke-ChildPowerShell -Script $childScript -What 'The quick start'
        Show-EmulatorProfile -BaseUri $emulator.BaseUri
    }
    finally {
        if ($null -ne $emulator) {
            Write-Step 'Demo: stopping the emulator'
            Stop-ActitoEmulator -Emulator $emulator
        }
    }
}

$null = Get-DotNetPath
foreach ($name in ($Task | Select-Object -Unique)) {
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
    }
}
