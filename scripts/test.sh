#!/usr/bin/env bash
# The test command of the README (and of .ci/run). The PDF tests read reports back with
# poppler's pdftotext and pdffonts, so install poppler-utils first where it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
    echo "installing poppler-utils (pdftotext, pdffonts) for the PDF tests…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils) >/dev/null
fi
cargo test "$@"
