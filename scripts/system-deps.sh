#!/usr/bin/env bash
# Debian libraries the app itself needs (not the test services): Pango for WeasyPrint's PDF documents.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
