#!/usr/bin/env bash
# Builds Lytt and starts one node with the embedded store on http://localhost:8080 (development
# mode unless LYTT_MODE says otherwise). Any LYTT_* variable overrides the configuration.
# LYTT_AOT_CACHE names an AOT cache made by ops/aot-cache.sh (JDK 25 or newer): it is used only
# while the jar's checksum matches the one written beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
jar=chat-server/target/lytt-chat-server.jar
# Heap fixed, G1 with short pauses (a relay wants short pauses more than throughput), and a node
# out of memory exits instead of limping on; LYTT_JAVA_OPTS replaces all of it.
opts=(${LYTT_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:+ExitOnOutOfMemoryError})
if [ -n "${LYTT_AOT_CACHE:-}" ]; then
  # Some JDK 25 builds use a cache made for another build of the jar without noticing.
  if [ -f "$LYTT_AOT_CACHE.sha256" ] && \
     [ "$(sha256sum < "$jar" | cut -d' ' -f1)" = "$(cut -d' ' -f1 < "$LYTT_AOT_CACHE.sha256")" ]; then
    # The build above wrote the same jar again with a new time, which the JVM would refuse.
    touch -r "$LYTT_AOT_CACHE.sha256" "$jar"
    opts+=("-XX:AOTCache=$LYTT_AOT_CACHE")
  else
    echo "LYTT_AOT_CACHE=$LYTT_AOT_CACHE was made for another build of the jar (or has no .sha256 beside it):" \
      "starting without it; make it again with ops/aot-cache.sh" >&2
  fi
fi
exec java "${opts[@]}" -jar "$jar" "$@"
