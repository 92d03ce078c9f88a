#!/usr/bin/env bash
# What `make test` runs after installing the virtualenv: provision the real services, then run the
# whole suite twice, on SQLite (the embedded default) and on PostgreSQL, browser tests included.
# Extra arguments go to pytest (e.g. scripts/test.sh -k signup).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

export REQUIRE_SERVICES="${REQUIRE_SERVICES:-${CI:-}}"
PYTEST=(.venv/bin/python -m pytest)
mkdir -p test-output

PG_URL="$(scripts/services/postgres.sh start)" || {
  if [ "$REQUIRE_SERVICES" = true ] || [ "$REQUIRE_SERVICES" = 1 ]; then die "PostgreSQL is required (CI=true) but could not be provided"; fi
  say "WARNING: no PostgreSQL; the PostgreSQL run will fail its service check"; PG_URL=""; }
CHROMIUM_PATH="$(scripts/services/chromium.sh)" || {
  if [ "$REQUIRE_SERVICES" = true ] || [ "$REQUIRE_SERVICES" = 1 ]; then die "Chromium is required (CI=true) but could not be installed"; fi
  say "WARNING: no Chromium; browser tests will be skipped (they fail when CI=true)"; CHROMIUM_PATH=""; }
export CHROMIUM_PATH
require() { [ "$REQUIRE_SERVICES" = true ] || [ "$REQUIRE_SERVICES" = 1 ]; }
# OpenSearch: one node, and a 3-node cluster whose indexes keep one replica; the contract suite and the
# fault tests run against both (tests/search/conftest.py); the node URLs are opensearch://host:port
if OS_URL="$(scripts/services/opensearch.sh start single)"; then
  export TEST_OPENSEARCH_URL="opensearch://${OS_URL#http://}"
else
  require && die "OpenSearch (single node) is required (CI=true) but could not be started"
  say "WARNING: no OpenSearch node; its contract tests will be skipped (they fail when CI=true)"
fi
if OS_CLUSTER_URL="$(scripts/services/opensearch.sh start cluster)"; then
  port="${OS_CLUSTER_URL##*:}"
  export TEST_OPENSEARCH_CLUSTER_URL="opensearch://127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))"
else
  require && die "the OpenSearch cluster is required (CI=true) but could not be started"
  say "WARNING: no OpenSearch cluster; its contract tests will be skipped (they fail when CI=true)"
fi
# stripe-mock (built from the Go module proxy): the payment tests call it through the official client
if STRIPE_URL="$(scripts/services/stripe-mock.sh start)"; then
  export TEST_STRIPE_API_BASE="$STRIPE_URL"
else
  require && die "stripe-mock is required (CI=true) but could not be built or started"
  say "WARNING: no stripe-mock; the payment tests will be skipped (they fail when CI=true)"
fi

status=0
say "=== lint (ruff) ==="
.venv/bin/ruff check marketplace search tests scripts || status=1
say "=== run 1/2: SQLite + embedded defaults ==="
TEST_DB=sqlite "${PYTEST[@]}" --junitxml=test-output/sqlite.xml "$@" || status=1
say "=== run 2/2: PostgreSQL ($PG_URL) ==="
TEST_DB=postgresql TEST_DATABASE_URL="$PG_URL" "${PYTEST[@]}" --junitxml=test-output/postgresql.xml "$@" || status=1

.venv/bin/python scripts/summarise_junit.py test-output/sqlite.xml test-output/postgresql.xml || true
exit $status
