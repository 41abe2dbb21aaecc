#!/usr/bin/env bash
# Builds Lytt and starts one node with the embedded store on http://localhost:8080 (development
# mode unless LYTT_MODE says otherwise). Any LYTT_* variable overrides the configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
exec java ${LYTT_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC} -jar chat-server/target/lytt-chat-server.jar "$@"
