#!/usr/bin/env bash
# Re-creates the embedded fonts from Debian's fonts-noto-cjk package (SIL OFL 1.1).
# Run it only to update the fonts; the extracted files are committed so that
# building ParkLedger needs no system fonts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-noto-cjk
dpkg -x fonts-noto-cjk_*.deb root
python3 -m pip install --quiet fonttools 2>/dev/null || true
python3 - "$here" <<'PY'
import sys
from fontTools.ttLib import TTCollection
out = sys.argv[1]
for kind in ('Sans', 'Serif'):
    ttc = TTCollection(f'root/usr/share/fonts/opentype/noto/Noto{kind}CJK-Regular.ttc')
    for face in ttc.fonts:
        if face['name'].getDebugName(4) == f'Noto {kind} CJK SC':
            face.save(f'{out}/Noto{kind}CJKsc-Regular.otf')
PY
