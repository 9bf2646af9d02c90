#!/usr/bin/env bash
# Makes the icon's PNG sizes and the Windows .ico from assets/icon/parkledger.svg.
# The outputs are committed (the Windows resource and the .deb read them), so this runs
# only when the drawing changes. Needs rsvg-convert (librsvg2-bin) and icotool (icoutils).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in rsvg-convert icotool; do
    if ! command -v "$tool" >/dev/null; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq librsvg2-bin icoutils) >/dev/null
        break
    fi
done
out=assets/icon
pngs=()
for size in 16 24 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" "$out/parkledger.svg" -o "$out/parkledger-$size.png"
    pngs+=("$out/parkledger-$size.png")
done
# 256 px is stored as PNG inside the .ico (Vista and later); the small sizes as bitmaps.
icotool -c -o "$out/parkledger.ico" "${pngs[@]:0:6}" -r "$out/parkledger-256.png"
ls -l "$out"
