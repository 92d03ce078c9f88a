#!/usr/bin/env bash
# Provide a PostgreSQL server for the tests and print its URL on stdout.
#
#   scripts/services/postgres.sh start   # idempotent: reuse a running test cluster or start one
#   scripts/services/postgres.sh stop
#
# Honours TEST_DATABASE_URL (printed as is, nothing started). Otherwise installs the Debian package
# `postgresql` if needed, initialises a throw-away cluster and serves it on 127.0.0.1:$TEST_PG_PORT
# (default 55432) only. Test databases are created and dropped by the test suite itself.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

PORT="${TEST_PG_PORT:-55432}"
cmd="${1:-start}"

if [ -n "${TEST_DATABASE_URL:-}" ] && [ "$cmd" = start ]; then
  echo "$TEST_DATABASE_URL"
  exit 0
fi

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
  apt_install postgresql
  BIN="$(find_bindir)" || die "PostgreSQL installed but initdb not found under /usr/lib/postgresql/*/bin"
fi

# The cluster runs as an unprivileged user: `postgres` when we are root (initdb refuses root).
RUN_AS=()
if is_root; then
  id postgres >/dev/null 2>&1 || die "user 'postgres' missing (it comes with the postgresql package)"
  RUN_AS=(runuser -u postgres --)
fi

BASE="${SERVICES_DIR:-$ROOT/.services}/postgres-$PORT"
mkdir -p "$BASE"
if is_root; then
  chown postgres: "$BASE"
  # the repository may sit under a directory postgres cannot enter (e.g. /root): fall back to /tmp
  if ! runuser -u postgres -- test -w "$BASE"; then
    BASE="/tmp/techtransfer-services/postgres-$PORT"
    mkdir -p "$BASE" && chmod 755 /tmp/techtransfer-services && chown postgres: "$BASE"
  fi
fi
DATA="$BASE/data"
LOG="$BASE/server.log"
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

case "$cmd" in
  stop)
    [ -d "$DATA" ] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
    exit 0 ;;
  start) ;;
  *) die "usage: $0 start|stop" ;;
esac

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  say "PostgreSQL already listening on 127.0.0.1:$PORT"
  echo "$URL"
  exit 0
fi

if [ ! -s "$DATA/PG_VERSION" ]; then
  say "initialising a test cluster in $DATA"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2 \
    || "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C >&2
fi

say "starting PostgreSQL on 127.0.0.1:$PORT"
# loopback only; durability settings off because this cluster only ever holds test data
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$BASE' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
  || { tail -20 "$LOG" >&2; die "PostgreSQL did not start (log: $LOG)"; }
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30 || die "PostgreSQL not ready on 127.0.0.1:$PORT"
echo "$URL"
