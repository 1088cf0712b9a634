# Shared by build.ps1 (Demo) and the Pester tests: find the .NET SDK, start the Actito emulator with
# `dotnet run`, wait for it, and stop it without leaving anything on the port.
# Dot-source it; it defines functions only and changes no preference of the caller.
#
# Written for Windows PowerShell 5.1 and PowerShell 7 alike: no $IsWindows (undefined on 5.1, an
# error under Set-StrictMode), no three-argument Join-Path, -UseBasicParsing on every web call.

function Join-PathPart {
    # Join-Path takes one child on Windows PowerShell 5.1; this folds any number of them:
    # Join-PathPart $root 'src' 'ActitoPS'. Plain $args: no parameter binding to second-guess.
    if ($args.Count -lt 2) {
        throw 'Join-PathPart needs a path and at least one child path.'
    }
    $result = [string]$args[0]
    foreach ($child in ($args | Select-Object -Skip 1)) {
        $result = Join-Path -Path $result -ChildPath ([string]$child)
    }
    $result
}

function Get-BuiltModuleDirectory {
    # Where build.ps1 publishes the module: out/ActitoPS/<ModuleVersion of ActitoPS.psd1>, the Gallery's layout.
    param([Parameter(Mandatory = $true)] [string] $RepoRoot)
    $version = (Import-PowerShellDataFile -LiteralPath (Join-Path $RepoRoot 'ActitoPS.psd1')).ModuleVersion
    Join-PathPart $RepoRoot 'out' 'ActitoPS' $version
}

function Test-OnWindows {
    [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
}

function Get-DotNetPath {
    # Returns the full path of dotnet, or throws a message that tells a new user what to install.
    $command = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($null -eq $command) {
        throw ("The .NET SDK was not found: 'dotnet' is not on PATH. ActitoPS builds with the .NET 10 SDK " +
            '(https://dotnet.microsoft.com/download). Install it, open a new shell so PATH is refreshed, and run this again.')
    }

    $dotnet = $command.Path
    $sdks = @(& $dotnet --list-sdks)
    $majors = @(foreach ($line in $sdks) {
            if ("$line" -match '^(\d+)\.') { [int]$Matches[1] }
        })
    if ($majors.Count -eq 0) {
        throw ("'$dotnet' is a .NET runtime without an SDK (dotnet --list-sdks lists nothing). " +
            'Install the .NET 10 SDK (https://dotnet.microsoft.com/download) and run this again.')
    }
    if (-not ($majors | Where-Object { $_ -ge 10 })) {
        throw ("ActitoPS needs the .NET 10 SDK or later; this machine has: $(($sdks | ForEach-Object { "$_".Split(' ')[0] }) -join ', '). " +
            'Install the .NET 10 SDK (https://dotnet.microsoft.com/download) and run this again.')
    }
    $dotnet
}

function Invoke-DotNet {
    # Runs dotnet with the given arguments, shows its output, and throws when it fails:
    # $ErrorActionPreference does not stop on a native command's exit code.
    param([Parameter(Mandatory = $true)] [string[]] $Arguments)
    $dotnet = Get-DotNetPath
    & $dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Get-FreeTcpPort {
    # Port 0 asks the OS for a free loopback port; it stays free long enough for the emulator to take it.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
        $listener.LocalEndpoint.Port
    }
    finally {
        $listener.Stop()
    }
}

function Test-ActitoEmulatorHealth {
    param([Parameter(Mandatory = $true)] [string] $BaseUri)
    $ProgressPreference = 'SilentlyContinue'
    try {
        $response = Invoke-WebRequest -Uri "$BaseUri/_emulator/health" -UseBasicParsing -TimeoutSec 2 -ErrorAction Stop
        [int]$response.StatusCode -eq 200
    }
    catch {
        $false
    }
}

function Get-ActitoEmulatorLogTail {
    param([Parameter(Mandatory = $true)] $Emulator, [int] $Lines = 30)
    $text = foreach ($log in @($Emulator.StdOutLog, $Emulator.StdErrLog)) {
        if (Test-Path -LiteralPath $log -PathType Leaf) {
            Get-Content -LiteralPath $log -Tail $Lines -ErrorAction SilentlyContinue
        }
    }
    ($text | Where-Object { $_ }) -join [System.Environment]::NewLine
}

function Start-ActitoEmulator {
    # Builds the emulator, then starts it with `dotnet run --no-build` so the wait for health is short.
    # Returns an object to pass to Wait-ActitoEmulator and Stop-ActitoEmulator.
    param(
        [Parameter(Mandatory = $true)] [string] $RepoRoot,
        [Parameter(Mandatory = $true)] [int] $Port,
        [Parameter(Mandatory = $true)] [string] $LogDirectory,
        [string] $Configuration = 'Release'
    )
    $baseUri = "http://127.0.0.1:$Port"
    if (Test-ActitoEmulatorHealth -BaseUri $baseUri) {
        throw ("An emulator already answers on $baseUri (left over from an earlier run?). " +
            "Stop it with: Invoke-WebRequest -Method Post -Uri $baseUri/_emulator/shutdown -UseBasicParsing")
    }

    $project = Join-PathPart $RepoRoot 'src' 'ActitoPS.Emulator'
    Invoke-DotNet -Arguments @('build', $project, '--configuration', $Configuration, '--nologo', '--verbosity', 'quiet')

    if (-not (Test-Path -LiteralPath $LogDirectory -PathType Container)) {
        $null = New-Item -ItemType Directory -Path $LogDirectory -Force
    }
    $stdOut = Join-Path $LogDirectory "emulator-$Port.out.log"
    $stdErr = Join-Path $LogDirectory "emulator-$Port.err.log"

    # Start-Process joins -ArgumentList with spaces and quotes nothing, so every argument here is free
    # of spaces: the project is given relative to the working directory, with '/' (dotnet accepts it on
    # Windows too). --no-launch-profile keeps Properties/launchSettings.json from changing the URL.
    $arguments = @(
        'run', '--project', 'src/ActitoPS.Emulator', '--no-build', '--no-launch-profile',
        '--configuration', $Configuration, '--', '--urls', $baseUri
    )
    $process = Start-Process -FilePath (Get-DotNetPath) -ArgumentList $arguments -WorkingDirectory $RepoRoot `
        -NoNewWindow -PassThru -RedirectStandardOutput $stdOut -RedirectStandardError $stdErr
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # Windows PowerShell only keeps ExitCode readable if the handle was opened before the process ends.
        $null = $process.Handle
    }

    [pscustomobject]@{
        Process   = $process
        BaseUri   = $baseUri
        StdOutLog = $stdOut
        StdErrLog = $stdErr
    }
}

function Wait-ActitoEmulator {
    param(
        [Parameter(Mandatory = $true)] $Emulator,
        [int] $TimeoutSeconds = 60
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        if ($Emulator.Process.HasExited) {
            throw ("The emulator exited with code $($Emulator.Process.ExitCode) before answering GET " +
                "$($Emulator.BaseUri)/_emulator/health. Its last output:" + [System.Environment]::NewLine +
                (Get-ActitoEmulatorLogTail -Emulator $Emulator))
        }
        if (Test-ActitoEmulatorHealth -BaseUri $Emulator.BaseUri) {
            return
        }
        if ([DateTime]::UtcNow -ge $deadline) {
            throw ("The emulator did not answer GET $($Emulator.BaseUri)/_emulator/health within $TimeoutSeconds seconds. " +
                "Its output is in $($Emulator.StdOutLog) and $($Emulator.StdErrLog); the last lines:" +
                [System.Environment]::NewLine + (Get-ActitoEmulatorLogTail -Emulator $Emulator))
        }
        Start-Sleep -Milliseconds 250
    }
}

function Stop-ProcessTree {
    # `dotnet run` starts the emulator as a child process: killing only the parent would leave the
    # emulator holding the port.
    param([Parameter(Mandatory = $true)] [System.Diagnostics.Process] $Process)
    if ($Process.HasExited) {
        return
    }
    $killTree = $Process.GetType().GetMethod('Kill', [Type[]]@([bool]))
    try {
        if ($null -ne $killTree) {
            # .NET Core 3.0 and later, so PowerShell 7 on every OS.
            $Process.Kill($true)
        }
        elseif (Test-OnWindows) {
            # Windows PowerShell 5.1 runs on .NET Framework, whose Process has no tree kill.
            & taskkill.exe /PID $Process.Id /T /F | Out-Null
        }
        else {
            $Process.Kill()
        }
    }
    catch {
        if (-not $Process.HasExited) {
            throw
        }
    }
}

function Stop-ActitoEmulator {
    # Asks the emulator to stop, waits for `dotnet run` to exit, and kills the process tree if it has not.
    # Safe to call with $null (start failed) or twice.
    param(
        [AllowNull()] $Emulator,
        [int] $TimeoutSeconds = 15
    )
    if ($null -eq $Emulator) {
        return
    }
    $process = $Emulator.Process
    if ($process.HasExited) {
        return
    }

    $ProgressPreference = 'SilentlyContinue'
    try {
        $null = Invoke-WebRequest -Method Post -Uri "$($Emulator.BaseUri)/_emulator/shutdown" -UseBasicParsing -TimeoutSec 5 -ErrorAction Stop
    }
    catch {
        # The emulator may close the connection as it stops; the exit wait below decides.
        Write-Verbose "POST /_emulator/shutdown: $($_.Exception.Message)"
    }

    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        Write-Warning "The emulator (process $($process.Id)) did not exit within $TimeoutSeconds seconds of POST /_emulator/shutdown; killing its process tree."
        Stop-ProcessTree -Process $process
        if (-not $process.WaitForExit(10000)) {
            Write-Warning "Process $($process.Id) is still running; stop it by hand before the next run."
        }
    }
}
