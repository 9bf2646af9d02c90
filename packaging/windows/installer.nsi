; ParkLedger's Windows installer (NSIS 3, Unicode). Built by scripts/package.sh:
;   makensis -DVERSION=0.1.0 -DEXE=path/to/parkledger.exe -DOUTFILE=dist/…-setup.exe installer.nsi
;
; Installs for the current user only, under %LOCALAPPDATA%\Programs\ParkLedger, so a clerk
; without administrator rights can install and update it. The clerk's data lives apart,
; under %APPDATA%\ParkLedger, and the uninstaller never touches it.
; Silent install: setup.exe /S (optionally /D=C:\other\folder as the last argument).

; 64-bit installer: the program is x64 only, and Wine without its 32-bit half runs it too.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined (pass -DVERSION=x.y.z)"
!endif
!ifndef EXE
  !error "EXE is not defined (pass -DEXE=path/to/parkledger.exe)"
!endif
!ifndef OUTFILE
  !define OUTFILE "ParkLedger-${VERSION}-windows-x64-setup.exe"
!endif
!ifndef ROOT
  !define ROOT "..\.."
!endif

!define APPNAME "ParkLedger"
!define APPNAME_ZH "ParkLedger 园区台账"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ParkLedger"

Name "${APPNAME_ZH}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ParkLedger"
InstallDirRegKey HKCU "Software\ParkLedger" "InstallDir"
BrandingText "ParkLedger ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME_ZH}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME_ZH} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ROOT}\assets\icon\parkledger.ico"
!define MUI_UNICON "${ROOT}\assets\icon\parkledger.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\parkledger.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_SIMPCHINESE} "园区台账 程序（必选）"
LangString SecProgram ${LANG_ENGLISH} "ParkLedger program (required)"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString DataKept ${LANG_SIMPCHINESE} "您的数据（%APPDATA%\ParkLedger）保留不删。"
LangString DataKept ${LANG_ENGLISH} "Your data (%APPDATA%\ParkLedger) is kept."

Function .onInit
  ; The installer speaks the PC's language: Chinese on a Chinese Windows, else English.
  System::Call 'kernel32::GetUserDefaultUILanguage() h .r0'
  IntOp $0 $0 & 0x3FF
  ${If} $0 == 0x04
    StrCpy $LANGUAGE ${LANG_SIMPCHINESE}
  ${Else}
    StrCpy $LANGUAGE ${LANG_ENGLISH}
  ${EndIf}
FunctionEnd

Section "!$(SecProgram)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; A running copy holds the .exe open; NSIS retries and then asks the clerk to close it.
  SetOverwrite on
  File "/oname=parkledger.exe" "${EXE}"
  File "/oname=LICENSE-fonts.txt" "${ROOT}\fonts\OFL-1.1.txt"
  File "/oname=parkledger.ico" "${ROOT}\assets\icon\parkledger.ico"
  ; The report's title (小标宋's stand-in) and （一） (楷体's) faces, SIL OFL: the program
  ; looks for them in fonts\ beside itself.
  SetOutPath "$INSTDIR\fonts"
  File "/oname=NotoSerifCJK-Bold.ttc" "${TITLEFONT}"
  File "/oname=LXGWWenKai-Regular.ttf" "${KAIFONT}"
  SetOutPath "$INSTDIR"
  CreateShortcut "$SMPROGRAMS\${APPNAME_ZH}.lnk" "$INSTDIR\parkledger.exe" "" "$INSTDIR\parkledger.ico" 0
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\ParkLedger" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME_ZH}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "ParkLedger"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\parkledger.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktopShortcut
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME_ZH}.lnk" "$INSTDIR\parkledger.exe" "" "$INSTDIR\parkledger.ico" 0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\parkledger.exe"
  Delete "$INSTDIR\LICENSE-fonts.txt"
  Delete "$INSTDIR\parkledger.ico"
  Delete "$INSTDIR\fonts\NotoSerifCJK-Bold.ttc"
  Delete "$INSTDIR\fonts\LXGWWenKai-Regular.ttf"
  RMDir "$INSTDIR\fonts"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME_ZH}.lnk"
  Delete "$DESKTOP\${APPNAME_ZH}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\ParkLedger"
  ; The databases, backups and settings under %APPDATA%\ParkLedger stay: they are the
  ; clerk's work, and a reinstall finds them where it left them.
  DetailPrint "$(DataKept)"
SectionEnd
