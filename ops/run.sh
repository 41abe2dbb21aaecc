#!/usr/bin/env bash
# Builds Lytt and starts one node with the embedded store on http://localhost:8080 (development
# mode unless LYTT_MODE says otherwise). Any LYTT_* variable overrides the configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
# Heap fixed, G1 with short pauses (a relay wants short pauses more than throughput), and a node
# out of memory exits instead of limping on; LYTT_JAVA_OPTS replaces all of it.
exec java ${LYTT_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:+ExitOnOutOfMemoryError} \
  -jar chat-server/target/lytt-chat-server.jar "$@"
