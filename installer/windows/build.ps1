# Build Stint for Windows from this checkout: the PyInstaller bundle (Stint.exe for the
# Start menu, stint.com for the commands), signed, then an Inno Setup installer, signed.
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Cannot run on Linux; .github/workflows/installers.yml runs it on windows-latest. Needs
# Python 3.11 (x64) on PATH and Inno Setup 6 (iscc.exe; `choco install innosetup`).
# Code signing (the step "Sign-WindowsFiles") runs when WINDOWS_SIGNING_CERT_BASE64 (a .pfx,
# base64) and WINDOWS_SIGNING_CERT_PASSWORD are set, with signtool from the Windows SDK and
# the timestamp server WINDOWS_TIMESTAMP_URL; without them it says so and leaves the files
# unsigned (SmartScreen will warn users).
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
Set-Location (Join-Path $PSScriptRoot "..\..")

$Build = if ($env:BUILD_DIR) { $env:BUILD_DIR } else { "build\windows" }
$Dist = if ($env:DIST_DIR) { $env:DIST_DIR } else { "dist" }
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Step($Text) { Write-Host "== $Text" }
function Invoke-Checked {
    param([string]$Program, [Parameter(ValueFromRemainingArguments)][string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program exited with $LASTEXITCODE" }
}

function Sign-WindowsFiles([string[]]$Files) {
    if (-not $env:WINDOWS_SIGNING_CERT_BASE64) {
        Write-Host "   not signed: WINDOWS_SIGNING_CERT_BASE64 is not set"
        return
    }
    $pfx = Join-Path $Build "signing.pfx"
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_SIGNING_CERT_BASE64))
    try {
        $timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
        $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
            Sort-Object FullName -Descending | Select-Object -First 1
        Invoke-Checked $signtool.FullName sign /f $pfx /p $env:WINDOWS_SIGNING_CERT_PASSWORD `
            /fd sha256 /tr $timestamp /td sha256 /d "Stint" @Files
    } finally {
        Remove-Item $pfx -Force
    }
}

$Version = (& $Python installer\release.py version).Trim()
Step "release $($Version): metainfo has its notes"
Invoke-Checked $Python installer\release.py check

Step "build environment ($Build\venv)"
if (-not (Test-Path "$Build\venv\Scripts\python.exe")) { Invoke-Checked $Python -m venv "$Build\venv" }
Invoke-Checked "$Build\venv\Scripts\python.exe" -m pip install -q --disable-pip-version-check `
    -c installer\constraints.txt -r installer\requirements-build.txt .

Step "icons"
Invoke-Checked "$Build\venv\Scripts\python.exe" installer\make_icons.py "$Build\icons"

Step "bundle (PyInstaller)"
$env:STINT_ICONS_DIR = (Resolve-Path "$Build\icons").Path
Invoke-Checked "$Build\venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --distpath "$Build\dist" --workpath "$Build\work" installer\stint.spec
$Bundle = "$Build\dist\stint"
# The console twin of Stint.exe answers `stint` in a terminal: .COM comes before .EXE.
Move-Item -Force "$Bundle\stint-console.exe" "$Bundle\stint.com"

Step "smoke check: the bundle starts and knows its version"
$printed = (& "$Bundle\stint.com" --version).Trim()
if ($printed -ne "stint $Version") { throw "stint.com --version printed '$printed'" }

Step "sign the programs (Sign-WindowsFiles)"
Sign-WindowsFiles @("$Bundle\Stint.exe", "$Bundle\stint.com")

Step "installer (Inno Setup)"
New-Item -ItemType Directory -Force $Dist | Out-Null
$OutputName = ((& $Python installer\release.py name windows).Trim()) -replace '\.exe$', ''
$iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
Invoke-Checked $iscc /Q "/DAppVersion=$Version" "/DBundleDir=$((Resolve-Path $Bundle).Path)" `
    "/DIconFile=$env:STINT_ICONS_DIR\stint.ico" "/DOutputDir=$((Resolve-Path $Dist).Path)" `
    "/DOutputName=$OutputName" installer\windows\stint.iss

Step "sign the installer (Sign-WindowsFiles)"
Sign-WindowsFiles @("$Dist\$OutputName.exe")
Write-Host "$Dist\$OutputName.exe"
