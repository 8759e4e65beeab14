#!/usr/bin/env bash
# Times the example mission's page and the indicator page as served by Masten in Release on SQLite.
# Usage: bash bench/mission-page.sh [requests]   (default 200). Prints min, median, p95 and max in ms.
# "Server time" is curl's time to first byte on loopback: the request is rendered in full before the
# first byte is sent (static server rendering, no streaming), so it bounds the server's work from above.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}
port=5099
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

dotnet build -c Release src/Masten.Web -v q -nologo >/dev/null
Database__DataDirectory="$dir" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/Masten.Web/bin/Release/net10.0/Masten.Web.dll --urls "http://127.0.0.1:$port" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

measure() {
  local url=$1
  for _ in $(seq 1 20); do curl -s -o /dev/null "$url"; done   # warm up: JIT, caches
  for _ in $(seq 1 "$requests"); do curl -s -o /dev/null -w '%{time_starttransfer}\n' "$url"; done |
    sort -n | awk -v url="$url" '{ t[NR] = $1 * 1000 } END {
      printf "%-45s n=%d  min %.1f ms  median %.1f ms  p95 %.1f ms  max %.1f ms\n", url, NR, t[1], t[int((NR+1)/2)], t[int(NR*0.95)], t[NR] }'
}

echo "Masten $(git rev-parse --short HEAD), $(nproc) cores, $(dotnet --version)"
measure "http://127.0.0.1:$port/missions/1"
measure "http://127.0.0.1:$port/indicators/1"
measure "http://127.0.0.1:$port/api/v1/missions/1/progress"
