#!/usr/bin/env bash
# Times the portfolio, mission-actor and review reads of Masten in Release against a database you filled first.
# Usage: bash bench/portfolio-pages.sh <provider> <connection string> <mission> <review> <initiative> <actor> [requests]
#   provider: Sqlite or Postgres. Fill the database with the national dataset first (800 initiatives a mission):
#     dotnet run --project src/Masten.Cli -- migrate --provider Sqlite --connection "Data Source=/path/masten.db"
#     dotnet run --project src/Masten.Cli -- generate --scale national --provider Sqlite --connection "Data Source=/path/masten.db" --api-token-file token.txt
#   and pick the ids with sqlite3 or psql.
# Prints, per URL, curl's time to first byte one request at a time (median, p95; the page is rendered in full before
# its first byte), the server's CPU time per request over those requests, and wrk's latency at 8 connections for 10 s (p50, p95 from wrk's percentiles, requests/s).
# MASTEN_TOKEN (the token file of generate) is sent as a Bearer token, for the pages only editors see.
# MASTEN_WEB_DLL names another build of Masten.Web.dll to time (for example a build of an earlier commit).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=$1 connection=$2 mission=$3 review=$4 initiative=$5 actor=$6 requests=${7:-100}
port=5098
dll=${MASTEN_WEB_DLL:-src/Masten.Web/bin/Release/net10.0/Masten.Web.dll}
log=$(mktemp)
trap 'kill $pid 2>/dev/null || true; rm -f "$log" "$log.lua"' EXIT

[ -n "${MASTEN_WEB_DLL:-}" ] || dotnet build -c Release src/Masten.Web -v q -nologo >/dev/null
Database__Provider="$provider" ConnectionStrings__Masten="$connection" Demo__SeedOnEmptyDatabase=false \
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

cat > "$log.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("wrk -c8: p50 %.1f ms  p95 %.1f ms  %.0f req/s  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

auth=()
[ -z "${MASTEN_TOKEN:-}" ] || auth=(-H "Authorization: Bearer $MASTEN_TOKEN")

# CPU time the server spent (user + system, in clock ticks): on a busy machine a steadier yardstick than wall time.
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

measure() {
  local url="http://127.0.0.1:$port$1"
  local status; status=$(curl -s "${auth[@]}" -o /dev/null -w '%{http_code}' "$url")
  for _ in $(seq 1 10); do curl -s "${auth[@]}" -o /dev/null "$url"; done   # warm up: JIT, caches
  local before; before=$(cpu)
  local serial; serial=$(for _ in $(seq 1 "$requests"); do curl -s "${auth[@]}" -o /dev/null -w '%{time_starttransfer}\n' "$url"; done |
    sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "curl: median %.1f ms  p95 %.1f ms", t[int((NR+1)/2)], t[int(NR*0.95)] }')
  local spent=$(( $(cpu) - before ))
  serial="$serial  cpu $(awk -v t="$spent" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f ms/req", t * 1000 / hz / n }')"
  local loaded; loaded=$(wrk -t2 -c8 -d10s "${auth[@]}" -s "$log.lua" "$url" | tail -1)
  printf "%-48s %s  %s  %s\n" "$1" "$status" "$serial" "$loaded"
}

echo "Masten $(git rev-parse --short HEAD) ($dll), $provider, $(nproc) cores, $(dotnet --version)"
measure "/missions/$mission/portfolio"
measure "/api/v1/missions/$mission/portfolio"
measure "/api/v1/missions/$mission/portfolio?asOf=2025-06-30"
measure "/missions/$mission/actors"
measure "/api/v1/missions/$mission/actors"
measure "/missions/$mission/tensions"
measure "/api/v1/missions/$mission/initiatives"
measure "/reviews/$review"
measure "/api/v1/reviews/$review"
measure "/missions/$mission/reviews/new"
measure "/initiatives/$initiative"
measure "/actors/$actor"
measure "/actors"
