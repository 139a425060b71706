; Inno Setup script for Stint on Windows (built by installer\windows\build.ps1, which passes
; /DAppVersion=<version> /DBundleDir=<PyInstaller's dist\stint> /DIconFile=<stint.ico>
; /DOutputDir=<dist> /DOutputName=<Stint-<version>-windows-x64-setup>).
;
; Installs per machine into Program Files\Stint with Start-menu entries (Stint, the demo,
; the uninstaller) and an optional desktop icon, and registers the uninstaller in Apps &
; features. Starting at log-in is the app's own setting (`Stint.exe --hidden`), not the
; installer's. stint.com (the commands) is not put on PATH; installer/README.md says how to
; call it. Uninstalling removes the program's files only:
; the user's profile (%LOCALAPPDATA%\Stint, %APPDATA%\Stint) and the sign-in in the
; Credential Locker stay, as on Linux.

#ifndef AppVersion
  #error Pass /DAppVersion=... (installer\release.py version)
#endif

[Setup]
AppId={{7D1F2B9E-5C3A-4E8B-9A61-3C0F5E2D4B17}
AppName=Stint
AppVersion={#AppVersion}
AppVerName=Stint {#AppVersion}
AppPublisher=Stint
AppPublisherURL=https://stint.example/
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Stint
DefaultGroupName=Stint
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\Stint.exe
UninstallDisplayName=Stint
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Stint may be running in the tray: close it before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Stint"; Filename: "{app}\Stint.exe"; Comment: "Track time on your Salesforce work"
Name: "{group}\Stint (demo org)"; Filename: "{app}\Stint.exe"; Parameters: "--demo"
Name: "{group}\Uninstall Stint"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Stint"; Filename: "{app}\Stint.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Stint.exe"; Description: "{cm:LaunchProgram,Stint}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Quit a running Stint (in the tray) so its files can be removed.
Filename: "{sys}\taskkill.exe"; Parameters: "/IM Stint.exe /F"; Flags: runhidden; RunOnceId: "StopStint"
