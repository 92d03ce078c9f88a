# Shared helpers for the provisioning scripts (sourced, not executed).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# apt_install PKG... : install Debian packages when missing; needs root (or passwordless sudo).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if ! is_root; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      die "needs the Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}"
    fi
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} with your system's package manager"
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
    $sudo apt-get update >&2
    $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2 || die "apt-get could not install ${missing[*]}"
  fi
}
