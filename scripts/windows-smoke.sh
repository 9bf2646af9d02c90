#!/usr/bin/env bash
# The Windows smoke test: install dist/ParkLedger-*-setup.exe silently into a fresh Wine
# prefix, and through the installed program write the sample database, a CSV export and
# 正阳's 2021 work summary; they must be identical to what the Linux build writes. Then
# uninstall silently: the program goes, the clerk's data stays.
#
#   bash scripts/package.sh && bash scripts/windows-smoke.sh
#
# Installs Wine (Debian's wine and wine64), MinGW-w64 and Xvfb where missing. Debian 12's Wine 8.0 lacks
# bcryptprimitives.dll (Rust's std imports ProcessPrng from it): a stand-in forwarding to
# RtlGenRandom is built into the test prefix only (packaging/windows/test/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
linux_bin=$target_dir/release/parkledger
setup=$(ls dist/ParkLedger-*-windows-x64-setup.exe 2>/dev/null | head -n1 || true)
if [ -z "$setup" ] || [ ! -x "$linux_bin" ]; then
    echo "no installer in dist/ or no Linux release build: run scripts/package.sh first" >&2
    exit 2
fi

need=()
command -v wine >/dev/null || need+=(wine64 wine)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}") >/dev/null
fi

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 LC_ALL=C.UTF-8
# The report's creation date, fixed so that the two builds' PDFs can be compared byte for byte.
export SOURCE_DATE_EPOCH=1767225600
xvfb_pid=""
cleanup() {
    wineserver -k 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    [ -n "${KEEP_PREFIX:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    # The installer and wineboot create windows even when silent.
    Xvfb :87 -screen 0 1024x768x24 >/dev/null 2>&1 &
    xvfb_pid=$!
    export DISPLAY=:87
    sleep 1
fi

step() { echo "windows-smoke: $*" >&2; }
fail() { echo "windows-smoke: FAILED: $*" >&2; exit 1; }

step "new Wine prefix"
wineboot -i >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/windows/test/bcryptprimitives.c -ladvapi32

step "silent install: $(basename "$setup") /S"
wine "$setup" /S
wineserver -w
user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData | grep -v /Public/ | head -n1)
installed=$user_dir/Local/Programs/ParkLedger/parkledger.exe
[ -f "$installed" ] || fail "no parkledger.exe under %LOCALAPPDATA%\\Programs\\ParkLedger"
[ -f "$(dirname "$installed")/uninstall.exe" ] || fail "no uninstaller"
[ -f "$user_dir/Roaming/Microsoft/Windows/Start Menu/Programs/ParkLedger 园区台账.lnk" ] || fail "no Start-menu shortcut"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ParkLedger' /v DisplayVersion \
    | tr -d '\r' | grep -q DisplayVersion || fail "not listed in Programs and Features"

win() { wine "$installed" "$@"; }
winpath() { winepath -w "$1" 2>/dev/null; }
mkdir -p "$work/win" "$work/linux"

step "the installed program writes the sample database, a CSV export and a report"
for side in win linux; do
    dir=$work/$side
    if [ "$side" = win ]; then run=win; p=winpath; else run=$linux_bin; p=echo; fi
    "$run" sample --db "$($p "$dir/sample.sqlite")" >/dev/null
    "$run" export --format csv --db "$($p "$dir/sample.sqlite")" -o "$($p "$dir/all.csv")" >/dev/null
    "$run" report --park 正阳工业园区 --year 2021 --db "$($p "$dir/sample.sqlite")" -o "$($p "$dir/zhengyang-2021.pdf")" >/dev/null
done
wineserver -w
for f in all.csv zhengyang-2021.pdf; do
    [ -s "$work/win/$f" ] || fail "the Windows build wrote no $f"
    cmp -s "$work/win/$f" "$work/linux/$f" || fail "$f differs between the Windows and the Linux build"
    step "$f identical ($(stat -c %s "$work/win/$f") bytes)"
done
step "the window opens (3 frames) and creates the default database under %APPDATA%"
timeout 300 wine "$installed" --quit-after-frames 3 || fail "the window did not open and close under Wine"
wineserver -w
data=$(find "$user_dir/Roaming/ParkLedger" -name parkledger.sqlite 2>/dev/null | head -n1)
[ -n "$data" ] || fail "no parkledger.sqlite under %APPDATA%\\ParkLedger"

step "silent uninstall keeps the data"
wine "$(dirname "$installed")/uninstall.exe" /S
wineserver -w
sleep 2 # the uninstaller copies itself to %TEMP% and finishes from there
wineserver -w
[ ! -f "$installed" ] || fail "the program is still installed after uninstall"
[ -f "$data" ] || fail "uninstall removed the clerk's database"
step "passed"
