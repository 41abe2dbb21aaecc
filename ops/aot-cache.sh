#!/usr/bin/env bash
# Makes an ahead-of-time cache for a node's jar with JDK 25 or newer (docs/operations.md, "A warm
# start on JDK 25"): a training run of the load generator's queue churn against a node started
# from that jar, recording with -XX:AOTCacheOutput. A node started with -XX:AOTCache=<the cache>
# then begins with its classes loaded and linked and its methods' profiles known, so it compiles
# what a node under load runs in its first seconds instead of its first minutes.
#
#   JAVA=/opt/jdk-25/bin/java ops/aot-cache.sh [JAR] [CACHE]
#
# JAR defaults to chat-server/target/lytt-chat-server.jar (built first), CACHE to the jar's path
# with .aot for .jar; next to the cache goes CACHE.sha256, the jar's checksum, which ops/run.sh
# (LYTT_AOT_CACHE) checks before it uses the cache. A cache fits one jar, one JDK build and the
# object-header flag it was made with: run this again after every build or JDK update, against the
# jar at the path the node starts it from, with the node's JVM options in LYTT_AOT_TRAINING_OPTS
# (say -XX:+UseCompactObjectHeaders). Needs Maven, the JDK 17+ `java` on PATH (for the load
# generator), redis-server, and this checkout at the version of the jar.
#
# The training node runs in development mode on a Redis of its own (redis-server on a free port,
# nothing saved) with made-up accounts: no LYTT_* variable of the caller reaches it.
set -euo pipefail

training_opts="${LYTT_AOT_TRAINING_OPTS:-}"
for v in $(compgen -e | grep '^LYTT_' || true); do
  unset "$v"
done

java="${JAVA:-java}"
if [[ "$java" == */* ]]; then
  java="$(realpath -m -- "$java")"
fi
jar="${1:-}"
[ -z "$jar" ] || jar="$(realpath -m -- "$jar")"
cache="${2:-}"
[ -z "$cache" ] || cache="$(realpath -m -- "$cache")"
cd "$(dirname "$0")/.."
jar="${jar:-$PWD/chat-server/target/lytt-chat-server.jar}"
cache="${cache:-${jar%.jar}.aot}"

command -v "$java" >/dev/null || { echo "JAVA=$java: no such command" >&2; exit 2; }
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' || true)"
feature="${version%%[.+-]*}"
if ! [[ "$feature" =~ ^[0-9]+$ ]] || [ "$feature" -lt 25 ]; then
  echo "JAVA must be a JDK 25 or newer (found ${version:-nothing} at $java): an AOT cache with method profiles needs it" >&2
  exit 2
fi
command -v redis-server >/dev/null || { echo "redis-server is needed for the training run (apt-get install redis-server)" >&2; exit 2; }
[ "$jar" = "$PWD/chat-server/target/lytt-chat-server.jar" ] || [ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 2; }

# The load generator's build also builds the server's jar: the default jar is trained as it is now.
mvn -B -q -ntp -DskipTests -Dexec.skip=true -pl ops/loadgen -am package
[ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 2; }

ulimit -n "$(ulimit -Hn)"
run_dir="$(mktemp -d)"
partial="$cache.partial"
rm -f "$partial"
# Native memory tracking stays off while recording: JDK 25.0.3 crashes when its summary is read
# from a JVM that records an AOT cache, and the load generator reads it after every phase.
if ! java -Xmx2g -XX:+UseG1GC -jar ops/loadgen/target/lytt-loadgen.jar scenario=churn join-rate=100 \
  duration=20 warmup=30 rt-seconds=5 counsellors=20 capacity=4 "java=$java" "node-jar=$jar" \
  "server-jvm-options=-XX:NativeMemoryTracking=off -XX:AOTCacheOutput=$partial $training_opts" \
  "dir=$run_dir" "out=$run_dir/result.jsonl" > "$run_dir/training.txt" 2>&1; then
  tail -n 30 "$run_dir/training.txt" >&2 || true
  echo "the training run failed; its output and the servers' logs are in $run_dir" >&2
  exit 1
fi
if ! grep -q 'AOTCache creation is complete' "$run_dir/lytt0.log" 2>/dev/null || [ ! -s "$partial" ]; then
  tail -n 20 "$run_dir/lytt0.log" >&2 || true
  echo "no complete cache was written; the node's log is $run_dir/lytt0.log" >&2
  exit 1
fi
mv -f "$partial" "$cache"
(cd "$(dirname "$jar")" && sha256sum "$(basename "$jar")") > "$cache.sha256"
# The checksum file carries the jar's time too: a build that writes the same jar again changes
# only its time, which the JVM also checks, and ops/run.sh puts it back.
touch -r "$jar" "$cache.sha256"
rm -rf "$run_dir"
echo "AOT cache for $jar: $cache ($(du -h "$cache" | cut -f1)), the jar's checksum in $cache.sha256"
case "$version" in
  25.0.[0-3]|25.0.[0-3][+-]*|25[+-]*)
    echo "warning: JDK $version may use a cache made for another build of the jar without noticing" \
      "(JDK-8377932, fixed in 25.0.4): start with it only while $cache.sha256 matches the jar (ops/run.sh checks)" >&2 ;;
esac
echo "Start the node with -XX:AOTCache=$cache added to its JVM options, on $java"
