#!/usr/bin/env bash
# Make sure Debian's Chromium (and a CJK font, so screenshots show Chinese) is installed; print its path.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

apt_install chromium fonts-wqy-zenhei
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
die "chromium is not at /usr/bin/chromium after installing the Debian package"
