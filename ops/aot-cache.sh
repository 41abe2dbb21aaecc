#!/usr/bin/env bash
# Makes an ahead-of-time cache for a node's jar with JDK 25 or newer (docs/operations.md, "A warm
# start on JDK 25"): a training run of the load generator's queue churn against a node started
# from that jar, recording with -XX:AOTCacheOutput. A node started with -XX:AOTCache=<the cache>
# then begins with its classes loaded and linked and its methods' profiles known, so it compiles
# what a node under load runs in its first seconds instead of its first minutes.
#
#   JAVA=/opt/jdk-25/bin/java ops/aot-cache.sh [JAR] [CACHE]
#
# JAR defaults to chat-server/target/lytt-chat-server.jar (built first), CACHE to the jar's
# path with .aot for .jar. A cache fits one jar file (its path, size and time), one JDK build and
# the object-header flag it was made with: run this again after every build or JDK update, against
# the jar at the path the node starts it from, with the JVM options it runs with in
# LYTT_AOT_TRAINING_OPTS (say -XX:+UseCompactObjectHeaders). A cache that does not fit is ignored
# with a warning, and the node starts as it would without one.
#
# The training node runs in development mode on a Redis of its own (redis-server on a free port,
# nothing saved) with made-up accounts, and never sees the service's configuration or stores.
set -euo pipefail
cd "$(dirname "$0")/.."

java="${JAVA:-java}"
jar="${1:-chat-server/target/lytt-chat-server.jar}"
cache="${2:-${jar%.jar}.aot}"

major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ -z "$major" ] || [ "${major%%.*}" -lt 25 ]; then
  echo "JAVA must be a JDK 25 or newer (found: ${major:-none} at $java); an AOT cache with method profiles needs it" >&2
  exit 2
fi
command -v redis-server >/dev/null || { echo "redis-server is needed for the training run (ops/test.sh installs it)" >&2; exit 2; }

# The load generator's build also builds the server's jar: the default jar is trained as it is now.
mvn -B -q -ntp -DskipTests -Dexec.skip=true -pl ops/loadgen -am package
[ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 2; }
jar="$(realpath "$jar")"
cache="$(realpath -m "$cache")"

ulimit -n "$(ulimit -Hn)"
run_dir="$(mktemp -d)"
trap 'rm -rf "$run_dir"' EXIT
rm -f "$cache"
# Native memory tracking stays off while recording: JDK 25.0.3 crashes when its summary is read
# from a JVM that records an AOT cache, and the load generator reads it after every phase.
java -Xmx2g -XX:+UseG1GC -jar ops/loadgen/target/lytt-loadgen.jar scenario=churn join-rate=100 \
  duration=20 warmup=30 rt-seconds=5 counsellors=20 capacity=4 "java=$java" "node-jar=$jar" \
  "server-jvm-options=-XX:NativeMemoryTracking=off -XX:AOTCacheOutput=$cache ${LYTT_AOT_TRAINING_OPTS:-}" \
  "dir=$run_dir" "out=$run_dir/result.jsonl" > "$run_dir/training.txt" 2>&1 \
  || { cat "$run_dir/training.txt" >&2; echo "the training run failed" >&2; exit 1; }
if [ ! -s "$cache" ]; then
  tail -n 20 "$run_dir/lytt0.log" >&2
  echo "no cache was written to $cache" >&2
  exit 1
fi
echo "AOT cache for $jar: $cache ($(du -h "$cache" | cut -f1))"
echo "Start the node with -XX:AOTCache=$cache added to its JVM options, on $java"
