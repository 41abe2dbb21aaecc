#!/usr/bin/env bash
# Lytt's benchmarks (docs/performance.md): the load generator starts and stops every server itself
# (Lytt nodes, Redis, the bare Vert.x relay, the Socket.IO relay) on free ports, pins them and
# itself to separate cores, and prints a table plus one JSON line per result.
#
#   ops/bench.sh smoke             every scenario at smoke size (≤ 200 connections, seconds each)
#   ops/bench.sh idle              10k / 50k / 100k idle visitors; memory per connection
#   ops/bench.sh relay             1,000 and 5,000 chats: rate steps, fixed 5,000 msg/s
#   ops/bench.sh churn             50 / 100 / 200 / 500 joins a second, 20 counsellors
#   ops/bench.sh cross-node        two nodes on Redis, every chat crossing (and, to compare, none)
#   ops/bench.sh reconnect-storm   10,000 visitors reconnect within 10 s after a node restart
#   ops/bench.sh slow-consumer     one reader stalls while 1,000 chats run at 5,000 msg/s
#   ops/bench.sh compare           Lytt, bare Vert.x and Socket.IO side by side (one node, then two)
#   ops/bench.sh page              the visitor page's first load in Chromium, throttled (ops/page-load.mjs)
#   ops/bench.sh all               everything above except smoke
#
# Full runs want a quiet machine: nothing else building or testing. Environment:
#   BENCH_SERVER_CPUS   cores for every server, Redis included (default 0)
#   BENCH_LOADGEN_CPUS  cores for the load generator (default 1; empty: no pinning)
#   BENCH_LOADGEN_HEAP  load generator heap (default 6g)
#   BENCH_OUT           directory for results (default target/bench/<date-time>)
#   LYTT_CHROMIUM       Chromium for the page scenario (default /usr/bin/chromium)
# Any LYTT_* variable is passed to the Lytt nodes and wins over the benchmark's settings.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
[ -n "$what" ] || { sed -n '2,24p' "$0"; exit 2; }

server_cpus="${BENCH_SERVER_CPUS-0}"
loadgen_cpus="${BENCH_LOADGEN_CPUS-1}"
heap="${BENCH_LOADGEN_HEAP:-6g}"
out="${BENCH_OUT:-target/bench/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
jar=ops/loadgen/target/lytt-loadgen.jar

# A hundred thousand sockets on each side of loopback need as many descriptors.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$what" = page ] || [ "$(ulimit -n)" -ge 250000 ] || echo "warning: only $(ulimit -n) file descriptors; the big idle runs need ~2 per connection" >&2

build() {
  [ "$what" != page ] || { build_page; return; }
  command -v redis-server >/dev/null || { echo "redis-server is needed (ops/test.sh installs it)" >&2; exit 1; }
  mvn -B -q -ntp -DskipTests -Dexec.skip=true -pl ops/loadgen -am package
  if [ ! -d ops/socketio-relay/node_modules ] || [ ops/socketio-relay/package-lock.json -nt ops/socketio-relay/node_modules ]; then
    (cd ops/socketio-relay && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The page needs the server's jar, web-client's playwright-core, Debian's Chromium and nginx; no Redis.
build_page() {
  mvn -B -q -ntp -DskipTests -Dexec.skip=true -pl chat-server -am package
  if [ ! -d web-client/node_modules ] || [ web-client/package-lock.json -nt web-client/node_modules ]; then
    (cd web-client && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

pid=""
cleanup() {
  # The load generator stops its servers in a shutdown hook; give it the chance, then insist.
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    sleep 5
    kill -9 "$pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

# One load generator run; its output goes to the terminal and to $out/<name>.txt, its JSON lines
# to $out/results.jsonl, the servers' logs to $out/<name>/.
run() {
  local name="$1"; shift
  local pin=()
  [ -z "$loadgen_cpus" ] || pin=(taskset -c "$loadgen_cpus")
  echo "== $name: $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "${pin[@]}" java "-Xmx$heap" -XX:+UseG1GC -jar "$jar" "$@" "server-cpus=$server_cpus" \
    "dir=$out/$name" "out=$out/results.jsonl" > >(tee "$out/$name.txt") 2>&1 &
  pid=$!
  local status=0
  wait "$pid" || status=$?
  pid=""
  [ "$status" -eq 0 ] || echo "!! $name exited with $status (3: a message lost or duplicated, or a visitor offered twice)"
}

idle() {
  for n in 10000 50000 100000; do
    run "idle-lytt-$n" scenario=idle target=lytt "visitors=$n" settle=10
  done
  for t in bare socketio; do
    run "idle-$t-50000" scenario=idle "target=$t" visitors=50000 settle=10
  done
}

relay() {
  for chats in 1000 5000; do
    run "relay-lytt-$chats" scenario=relay target=lytt "chats=$chats" \
      rates=1000,2000,5000,10000,15000,20000,30000,40000 duration=30 warmup=30
  done
}

churn() {
  for rate in 50 100 200 500; do
    run "churn-$rate" scenario=churn "join-rate=$rate" duration=30 warmup=30 rt-seconds=10 counsellors=20 capacity=4
  done
}

cross_node() {
  run cross-node-crossing scenario=cross-node target=lytt chats=1000 rates=2000,5000,10000,15000,20000 duration=30 warmup=30
  run cross-node-same scenario=cross-node target=lytt cross=false chats=1000 rates=2000,5000,10000,15000,20000 duration=30 warmup=30
}

storm() {
  run reconnect-storm scenario=reconnect-storm visitors=10000 rate=2000 window=10 warmup=10 after=20
}

slow() {
  run slow-consumer-lytt scenario=slow-consumer target=lytt chats=1000 rates=5000 duration=30 warmup=30
  run slow-consumer-bare scenario=slow-consumer target=bare chats=1000 rates=5000 duration=30 warmup=30
  run slow-consumer-socketio scenario=slow-consumer target=socketio chats=1000 rates=5000 duration=30 warmup=30
}

compare() {
  local rates=1000,2000,5000,10000,15000,20000,30000,40000,60000,80000
  run compare-1-node scenario=compare chats=1000 "rates=$rates" duration=30 warmup=30
  run compare-2-nodes scenario=compare nodes=2 chats=1000 "rates=$rates" duration=30 warmup=30
}

# Chromium (and the script) on the load generator's cores, the node and nginx on the servers'.
page() {
  local pin=()
  [ -z "$loadgen_cpus" ] || pin=(taskset -c "$loadgen_cpus")
  echo "== page: five first loads per profile (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "${pin[@]}" node ops/page-load.mjs runs=5 "server-cpus=$server_cpus" "out=$out" > >(tee "$out/page.txt") 2>&1 &
  pid=$!
  local status=0
  wait "$pid" || status=$?
  pid=""
  [ "$status" -eq 0 ] || echo "!! page exited with $status"
}

smoke() {
  run smoke-idle scenario=idle target=lytt visitors=200 settle=2
  run smoke-idle-bare scenario=idle target=bare visitors=200 settle=2
  run smoke-idle-socketio scenario=idle target=socketio visitors=200 settle=2
  run smoke-relay scenario=relay target=lytt chats=100 rates=200,500 duration=5 warmup=2
  run smoke-churn scenario=churn join-rate=50 duration=4 warmup=2 rt-seconds=2 counsellors=5 capacity=4
  run smoke-cross-node scenario=cross-node target=lytt chats=100 rates=500 duration=5 warmup=2
  run smoke-reconnect-storm scenario=reconnect-storm visitors=200 rate=100 window=3 warmup=2 after=5
  run smoke-slow-consumer scenario=slow-consumer target=lytt chats=100 rates=300 duration=5 warmup=2
  run smoke-compare scenario=compare chats=100 rates=300 duration=5 warmup=2
  run smoke-compare-2-nodes scenario=compare nodes=2 chats=100 rates=300 duration=5 warmup=2
}

build
case "$what" in
  smoke) smoke ;;
  idle) idle ;;
  relay) relay ;;
  churn) churn ;;
  cross-node) cross_node ;;
  reconnect-storm) storm ;;
  slow-consumer) slow ;;
  compare) compare ;;
  page) page ;;
  all) idle; relay; churn; cross_node; storm; slow; compare; build_page; page ;;
  *) echo "unknown: $what" >&2; exit 2 ;;
esac
echo "Results: $out/results.jsonl"
