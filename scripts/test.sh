#!/usr/bin/env bash
# The test command of the README (and of .ci/run). The PDF tests read reports back with
# poppler's pdftotext and pdffonts, and a 公文 report sets its title in a heavy serif and
# its （一） headings in a kai face that are read from the system's fonts (Debian's
# fonts-noto-cjk and fonts-lxgw-wenkai, SIL OFL), and the Word export is converted with
# LibreOffice; install what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=()
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
    packages+=(poppler-utils)
fi
[ -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc ] || packages+=(fonts-noto-cjk)
[ -e /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || packages+=(fonts-lxgw-wenkai)
if [ ${#packages[@]} -gt 0 ]; then
    echo "installing ${packages[*]} for the PDF tests…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}") >/dev/null
fi
# The Word export is converted with LibreOffice and read back; where it cannot be
# installed, that test says so and passes.
if ! command -v soffice >/dev/null; then
    echo "installing libreoffice-writer-nogui for the Word export's test…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    (DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui) >/dev/null 2>&1 \
        || echo "note: LibreOffice could not be installed; the .docx conversion test is skipped" >&2
fi
cargo test "$@"
