#!/usr/bin/env bash
# Builds ParkLedger's installable packages into dist/:
#   parkledger.exe                                  the Windows program, portable
#   ParkLedger-VERSION-windows-x64-setup.exe        its per-user installer (NSIS)
#   parkledger_VERSION_amd64.deb                    the Linux package
#   SHA256SUMS
# Run from any clone on a Debian machine: bash scripts/package.sh [all|linux|windows]
# (all by default; the release workflow packs only the .deb this way, and Windows natively).
# Installs what it needs where missing (MinGW-w64, NSIS, the Rust Windows target).
# The Windows build is a cross build with the GNU toolchain; see README "Packages".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
target_dir=${CARGO_TARGET_DIR:-$root/target}
wintarget=x86_64-pc-windows-gnu
what=${1:-all}
case $what in
    all | linux | windows) ;;
    *) echo "usage: scripts/package.sh [all|linux|windows]" >&2; exit 2 ;;
esac
windows() { [ "$what" != linux ]; }
linux() { [ "$what" != windows ]; }

need=()
if windows; then
    command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
    command -v makensis >/dev/null || need+=(nsis)
    # The report's title and （一） faces, installed beside the program on Windows.
    [ -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc ] || need+=(fonts-noto-cjk)
    [ -e /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || need+=(fonts-lxgw-wenkai)
fi
command -v dpkg-deb >/dev/null || need+=(dpkg)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}") >/dev/null
fi
if windows; then
    rustup target list --installed | grep -qx "$wintarget" || rustup target add "$wintarget"
fi

timed() { # label, command…: run it and say how long it took
    local label=$1 start
    shift
    start=$(date +%s)
    "$@"
    echo "$label: $(( $(date +%s) - start )) s" >&2
}

# The Linux build comes first even for windows only: the smoke test compares the two.
timed "Linux release build" cargo build --release --locked
if windows; then
    timed "Windows release build" env CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        cargo build --release --locked --target "$wintarget"
fi

dist=$root/dist
rm -rf "$dist"
mkdir -p "$dist"

if windows; then
    # Windows: the portable program (symbols stripped) and the installer.
    exe=$dist/parkledger.exe
    x86_64-w64-mingw32-strip -o "$exe" "$target_dir/$wintarget/release/parkledger.exe"
    subsystem=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/^Subsystem/ {print $2}')
    if [ "$subsystem" != "00000002" ]; then
        echo "parkledger.exe: the PE subsystem is $subsystem, not 2 (Windows GUI)" >&2
        exit 1
    fi
    setup=$dist/ParkLedger-$version-windows-x64-setup.exe
    timed "installer (makensis)" makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DEXE="$exe" -DOUTFILE="$setup" \
        -DROOT="$root" -DTITLEFONT=/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc \
        -DKAIFONT=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf packaging/windows/installer.nsi
fi

if linux; then
    # Linux: a staged tree packed with dpkg-deb (owner root, xz).
    stage=$(mktemp -d)
    chmod 0755 "$stage" # the package's root directory: mktemp makes it private
    trap 'rm -rf "$stage"' EXIT
    install -D -m 0755 "$target_dir/release/parkledger" "$stage/usr/bin/parkledger"
    strip "$stage/usr/bin/parkledger"
    install -D -m 0644 packaging/linux/parkledger.desktop "$stage/usr/share/applications/parkledger.desktop"
    for size in 16 24 32 48 64 128 256; do
        install -D -m 0644 "assets/icon/parkledger-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/parkledger.png"
    done
    install -D -m 0644 assets/icon/parkledger.svg "$stage/usr/share/icons/hicolor/scalable/apps/parkledger.svg"
    install -D -m 0644 packaging/linux/copyright "$stage/usr/share/doc/parkledger/copyright"
    install -D -m 0644 fonts/OFL-1.1.txt "$stage/usr/share/doc/parkledger/OFL-1.1.txt"
    mkdir -p "$stage/DEBIAN"
    size_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size_kib/" packaging/linux/control.in > "$stage/DEBIAN/control"
    deb=$dist/parkledger_${version}_amd64.deb
    timed "Debian package (dpkg-deb)" dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
fi

(cd "$dist" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | sort | xargs sha256sum > SHA256SUMS)
echo "built in $dist:" >&2
ls -l "$dist" >&2
