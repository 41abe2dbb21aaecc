#!/usr/bin/env bash
# Runs every test of Lytt: Java unit and integration tests, the browser crypto tests under Node, and
# the browser flows in Debian's Chromium. Installs what is missing first: Debian's redis-server,
# nginx and chromium (as root, or through sudo), and the npm packages pinned in
# web-client/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The rolling-restart test puts two nodes behind a real nginx, run unprivileged on loopback.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

(cd web-client && npm ci --no-audit --no-fund --loglevel=error)

# The browser tests find Chromium here; Playwright never downloads a browser of its own.
export LYTT_CHROMIUM="${LYTT_CHROMIUM:-/usr/bin/chromium}"
exec mvn -B -ntp verify "$@"
