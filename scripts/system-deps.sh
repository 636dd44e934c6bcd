#!/usr/bin/env bash
# Install the operating-system packages the platform needs, on a Debian/Ubuntu machine that has only
# Python, pip and apt. Installs only what is missing. Usage: scripts/system-deps.sh run|test|bench
set -euo pipefail

want=()
python3 -c "import venv, ensurepip" 2>/dev/null || want+=(python3-venv)
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
command -v msgfmt >/dev/null 2>&1 || want+=(gettext)
# WeasyPrint renders PDFs with Pango and needs at least one font to embed (PDF/A).
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || want+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi 'dejavu' || want+=(fonts-dejavu-core)
# Sign-in with SAML: pysaml2 signs requests and checks the identity provider's signatures with xmlsec1.
command -v xmlsec1 >/dev/null 2>&1 || want+=(xmlsec1)
if [[ "${1:-run}" == "test" ]]; then
  # Browser tests use Debian's Chromium; Playwright never downloads a browser of its own here.
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi

if [[ "${1:-run}" == "bench" ]]; then
  # benchmarks/load.py drives the server with wrk.
  command -v wrk >/dev/null 2>&1 || want+=(wrk)
fi

if ((${#want[@]} == 0)); then
  exit 0
fi
echo "Installerer systempakker: ${want[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "Kræver root eller sudo for at installere: ${want[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
