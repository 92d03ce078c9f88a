#!/usr/bin/env bash
# Provide stripe-mock (Stripe's official API mock) for the payment tests and print its URL on stdout.
#
#   scripts/services/stripe-mock.sh start    # idempotent: reuse a running one or start one
#   scripts/services/stripe-mock.sh stop
#   scripts/services/stripe-mock.sh status
#
# Built once from the Go module proxy (`go install github.com/stripe/stripe-mock@latest`) into
# ~/.cache/ttm-tools/bin (the Go module and build caches make a second build fast); served on
# 127.0.0.1:$TEST_STRIPE_PORT (default 12111), plain HTTP, loopback only.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

PORT="${TEST_STRIPE_PORT:-12111}"
TOOLS="${TTM_TOOLS:-$HOME/.cache/ttm-tools}"
BIN="$TOOLS/bin/stripe-mock"
RUN="$ROOT/.services/stripe-mock"
URL="http://127.0.0.1:$PORT"
cmd="${1:-start}"

healthy() {
  # any Stripe-shaped answer (401 without a key) means it is up
  curl -s -o /dev/null -w '%{http_code}' "$URL/v1/charges" 2>/dev/null | grep -qE '^(200|401)$'
}

build() {
  [ -x "$BIN" ] && return 0
  command -v go >/dev/null || apt_install golang-go
  say "building stripe-mock from the Go module proxy (first run only)"
  mkdir -p "$TOOLS/bin"
  GOBIN="$TOOLS/bin" go install github.com/stripe/stripe-mock@latest >&2 || die "go install stripe-mock failed"
}

case "$cmd" in
  start)
    if healthy; then echo "$URL"; exit 0; fi
    command -v curl >/dev/null || apt_install curl
    build
    mkdir -p "$RUN"
    # stripe-mock also serves HTTPS (by default on :12112, every interface): keep it on loopback, next port
    nohup "$BIN" -http-addr "127.0.0.1:$PORT" -https-addr "127.0.0.1:$((PORT + 1))" >"$RUN/log" 2>&1 &
    echo $! >"$RUN/pid"
    for _ in $(seq 1 50); do
      if healthy; then echo "$URL"; exit 0; fi
      sleep 0.2
    done
    die "stripe-mock did not answer on $URL (log: $RUN/log)"
    ;;
  stop)
    if [ -f "$RUN/pid" ]; then
      kill "$(cat "$RUN/pid")" 2>/dev/null || true
      rm -f "$RUN/pid"
    fi
    ;;
  status)
    if healthy; then echo "up $URL"; else echo "down"; exit 1; fi
    ;;
  *) die "usage: $0 start|stop|status" ;;
esac
