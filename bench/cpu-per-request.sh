#!/usr/bin/env bash
# CPU time of a running Masten web process per request, and the answer's size: steadier than latency on a busy
# machine, since time spent waiting for other work does not count.
# Usage: bash bench/cpu-per-request.sh PID URL [REQUESTS] [AUTH]
#   PID       the web process (for example `pgrep -f Masten.Web.dll`)
#   REQUESTS  sequential requests after 5 warm-ups (default 40)
#   AUTH      empty: anonymous; `jar:FILE`: a curl cookie file of a signed-in session; else an API token (Bearer)
# Prints: URL, status, the process's utime+stime per request, wall time per request and the answer's bytes.
set -euo pipefail
pid=$1 url=$2 n=${3:-40} auth=${4:-}
headers=()
case "$auth" in
  "") ;;
  jar:*) headers=(-b "${auth#jar:}") ;;
  *) headers=(-H "Authorization: Bearer $auth") ;;
esac
tick=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
for _ in 1 2 3 4 5; do curl -s -o /dev/null "${headers[@]}" "$url"; done
bytes=$(curl -s "${headers[@]}" "$url" | wc -c)
code=$(curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$url")
c0=$(cpu) t0=$(date +%s.%N)
for _ in $(seq 1 "$n"); do curl -s -o /dev/null "${headers[@]}" "$url"; done
c1=$(cpu) t1=$(date +%s.%N)
awk -v c0="$c0" -v c1="$c1" -v n="$n" -v tk="$tick" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v u="$url" -v code="$code" \
  'BEGIN { printf "%-60s %s  cpu %.1f ms/request  wall %.1f ms/request  %d bytes\n", u, code, (c1 - c0) * 1000 / tk / n, (t1 - t0) * 1000 / n, b }'
