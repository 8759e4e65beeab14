#!/usr/bin/env bash
# Load test of Masten on a generated national dataset, on SQLite and (when given) PostgreSQL.
# For each database: builds Release, creates a fresh database, migrates, times `masten generate`, starts
# Masten and times start-up to the first /health 200, runs wrk against every page and API GET of the
# national-scale issue, a 64-connection run over all of them, a bare Kestrel endpoint for comparison, reads
# the web process's peak RSS, and times appending observations through the API. Ends with one table
# against the targets. See bench/README.md.
#
# Usage: bash bench/load.sh [--quick] [--scale small|medium|national] [--postgres CONNECTION] [--no-sqlite]
#                           [--duration 10s] [--mixed-duration 60s] [--appends 200] [--only REGEX] [--keep]
#                           [--uncached] [--writes-per-second 1] [--warmup 100]
#   --postgres CONNECTION   an Npgsql connection string of a user with CREATEDB (or MASTEN_BENCH_POSTGRES);
#                           the script creates its own database next to the one named and drops it at the end
#   --quick                 medium scale, 5 s per page, 20 s mixed run, 50 appends: to try the script
#   --keep                  keep the generated databases and the work folder
#   --only REGEX            time only the pages whose name matches (grep -E), for example 'portfolio|review'
#   --warmup N              requests per URL before timing (default 100): the runtime compiles hot code again, with
#                           optimisation, only after it has run a while, so a cold process measures the compiler
#   --uncached              start Masten with Cache:Enabled=false: every answer is rendered, as for a signed-in person
#   --writes-per-second N   observations appended through the API during the 64-connection run (default 1), so
#                           reused answers are invalidated as in real use; 0 for none
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scale=national duration=10s mixed=60s appends=200 sqlite=1 keep=0 only= cache=true writes=1 warmup=100
postgres=${MASTEN_BENCH_POSTGRES:-}
port=${MASTEN_BENCH_PORT:-5380}
hello_port=$((port + 1))
while [ $# -gt 0 ]; do
  case $1 in
    --quick) scale=medium duration=5s mixed=20s appends=50 ;;
    --scale) scale=$2; shift ;;
    --postgres) postgres=$2; shift ;;
    --no-sqlite) sqlite=0 ;;
    --duration) duration=$2; shift ;;
    --mixed-duration) mixed=$2; shift ;;
    --appends) appends=$2; shift ;;
    --keep) keep=1 ;;
    --only) only=$2; shift ;;
    --uncached) cache=false ;;
    --writes-per-second) writes=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk curl sqlite3 dotnet; do
  command -v $tool >/dev/null || { echo "bench/load.sh needs $tool" >&2; exit 2; }
done
[ -z "$postgres" ] || command -v psql >/dev/null || { echo "bench/load.sh needs psql for PostgreSQL" >&2; exit 2; }

work=$(mktemp -d)
web_pid= hello_pid= pg_database=
cleanup() {
  [ -z "$web_pid" ] || kill "$web_pid" 2>/dev/null || true
  [ -z "$hello_pid" ] || kill "$hello_pid" 2>/dev/null || true
  if [ -n "$pg_database" ] && [ "$keep" = 0 ]; then pg_drop "$pg_database" || true; fi
  if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "Kept $work"; fi
}
trap cleanup EXIT

# ---- PostgreSQL: the connection string's parts as psql environment ----
pg_part() { # pg_part CONNECTION KEY...: the value of the first key present (case-insensitive)
  local conn=$1; shift
  local key
  for key in "$@"; do
    echo "$conn" | tr ';' '\n' | awk -F= -v k="$key" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }'
  done | head -n 1
}
pg_env() {
  export PGHOST=$(pg_part "$postgres" Host Server) PGPORT=$(pg_part "$postgres" Port) PGUSER=$(pg_part "$postgres" Username "User Id" User)
  export PGPASSWORD=$(pg_part "$postgres" Password) PGDATABASE=$(pg_part "$postgres" Database)
  [ -n "$PGPORT" ] || export PGPORT=5432
}
pg_drop() { pg_env; psql -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null; }

echo "Building Release…"
dotnet build -c Release src/Masten.Web -v q -nologo >/dev/null
dotnet build -c Release src/Masten.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/Hello -v q -nologo >/dev/null
masten="dotnet $root/src/Masten.Cli/bin/Release/net10.0/masten.dll"
export MASTEN_BENCH_DIR=$root/bench

if curl -s -o /dev/null "http://127.0.0.1:$port/" || curl -s -o /dev/null "http://127.0.0.1:$hello_port/"; then
  echo "Port $port or $hello_port is taken; set MASTEN_BENCH_PORT." >&2; exit 2
fi
ASPNETCORE_ENVIRONMENT=Production dotnet bench/Hello/bin/Release/net10.0/Hello.dll --urls "http://127.0.0.1:$hello_port" >"$work/hello.log" 2>&1 &
hello_pid=$!

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# wrk_run NAME CONNECTIONS DURATION [wrk options…] URL: prints the RESULT line's fields, keeps the output.
wrk_run() {
  local name=$1 connections=$2 length=$3; shift 3
  wrk -t2 -c"$connections" -d"$length" --timeout 30s -s "$root/bench/report.lua" "$@" >"$work/wrk-$name.txt" 2>&1 || true
  result "$work/wrk-$name.txt" "$length"
}
# result FILE DURATION: the RESULT line; when nothing answered within the run, latencies read ">DURATION".
result() {
  local line
  line=$(grep '^RESULT' "$1" | sed 's/^RESULT //') || { echo "p50=? p95=? p99=? max=? rps=0 requests=0 errors=? timeouts=? status=?"; return; }
  if [ "$(field "$line" requests)" = 0 ]; then line=$(echo "$line" | sed "s/p50=- p95=- p99=- max=-/p50=>$2 p95=>$2 p99=>$2 max=>$2/"); fi
  echo "$line"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }

table=()
row() { table+=("$(printf '%-10s | %-46s | %14s | %-14s | %s' "$1" "$2" "$3" "$4" "$5")"); }
# verdict VALUE TARGET OP: met or MISSED; "-" (a run with errors) and ">…" (no answer within the run) miss, "?" is unknown.
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "?" || v == "") { print "?"; exit } if (v == "-" || substr(v, 1, 1) == ">") { print "MISSED"; exit } if ((op == "<" && v + 0 < t + 0) || (op == ">=" && v + 0 >= t + 0)) print "met"; else print "MISSED" }'; }

run_provider() {
  local provider=$1 connection=$2 label=$3
  [ "$cache" = true ] || label="$label uncached"
  echo
  echo "=== $label: $scale dataset ==="
  $masten --provider "$provider" --connection "$connection" migrate >/dev/null
  local t0=$(now)
  $masten --provider "$provider" --connection "$connection" generate --scale "$scale" --api-token-file "$work/token" | grep -v 'so far' | sed 's/^/  /'
  local generate_s=$(seconds "$t0" "$(now)")
  echo "  generate took $generate_s s"
  row "$label" "generate --scale $scale (s)" "$generate_s" "minutes" ""

  # Ids: the largest mission (most observations), its indicator with the most observations, its initiative
  # with the most check-ins and its review with the most decisions.
  if [ "$provider" = Sqlite ]; then q() { sqlite3 "${connection#Data Source=}" "$1"; }; else q() { pg_env; PGDATABASE=$pg_database psql -Atq -c "$1"; }; fi
  local mission indicator initiative review
  mission=$(q 'SELECT g."MissionId" FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId" JOIN "Missions" m ON m."Id" = g."MissionId" WHERE m."Status" <> '"'Draft'"' GROUP BY g."MissionId" ORDER BY COUNT(*) DESC, g."MissionId" LIMIT 1')
  indicator=$(q 'SELECT o."IndicatorId" FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId" JOIN "Goals" g ON g."Id" = i."GoalId" WHERE g."MissionId" = '"$mission"' GROUP BY o."IndicatorId" ORDER BY COUNT(*) DESC, o."IndicatorId" LIMIT 1')
  initiative=$(q 'SELECT i."Id" FROM "Initiatives" i LEFT JOIN "CheckIns" c ON c."InitiativeId" = i."Id" WHERE i."MissionId" = '"$mission"' GROUP BY i."Id" ORDER BY COUNT(c."Id") DESC, i."Id" LIMIT 1')
  review=$(q 'SELECT r."Id" FROM "Reviews" r LEFT JOIN "ReviewDecisions" d ON d."ReviewId" = r."Id" WHERE r."MissionId" = '"$mission"' GROUP BY r."Id" ORDER BY COUNT(d."Id") DESC, r."Id" LIMIT 1')
  local observations=$(q 'SELECT COUNT(*) FROM "Observations" WHERE "IndicatorId" = '"$indicator")
  echo "  mission $mission, indicator $indicator ($observations observations), initiative $initiative, review $review"

  local base="http://127.0.0.1:$port"
  local start=$(now)
  Database__Provider=$provider ConnectionStrings__Masten=$connection ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning Demo__SeedOnEmptyDatabase=false Cache__Enabled=$cache \
    dotnet "$root/src/Masten.Web/bin/Release/net10.0/Masten.Web.dll" --urls "$base" >"$work/web-$label.log" 2>&1 &
  web_pid=$!
  local startup=-
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health")" = 200 ]; then startup=$(seconds "$start" "$(now)"); break; fi
    kill -0 $web_pid 2>/dev/null || { echo "Masten stopped; see $work/web-$label.log" >&2; tail -20 "$work/web-$label.log" >&2; return 1; }
    sleep 0.05
  done
  echo "  start-up to the first /health 200: $startup s"
  row "$label" "start-up to first /health 200 (s)" "$startup" "< 5" "$(verdict "$startup" 5 '<')"

  local token=$(cat "$work/token")
  export MASTEN_BENCH_TOKEN=$token
  # name|path; a path starting with + is requested with the token (the actor register needs sign-in).
  local targets=(
    "mission page|/missions/$mission"
    "progress page|/missions/$mission/progress"
    "progress API|/api/v1/missions/$mission/progress"
    "portfolio page|/missions/$mission/portfolio"
    "portfolio API|/api/v1/missions/$mission/portfolio"
    "mission actors page|/missions/$mission/actors"
    "indicator page ($observations obs.)|/indicators/$indicator"
    "home|/"
    "actor register|+/actors"
    "initiative page|/initiatives/$initiative"
    "review page|/reviews/$review"
  )
  if [ -n "$only" ]; then
    local kept=() t
    for t in "${targets[@]}"; do ! echo "${t%%|*}" | grep -Eq "$only" || kept+=("$t"); done
    targets=("${kept[@]}")
  fi
  echo "  warming up ($warmup requests each)…"
  local t path name i
  for t in "${targets[@]}"; do
    path=${t#*|}
    for i in $(seq 1 "$warmup"); do
      if [ "${path:0:1}" = + ]; then
        curl -s -o /dev/null -m 120 -H "Authorization: Bearer $token" "$base${path:1}" || true
      else
        curl -s -o /dev/null -m 120 "$base$path" || true
      fi
    done
  done

  echo "  8 connections, $duration each (p50 / p95 / p99 ms, requests/s, errors):"
  local mission_rps=0 r
  for t in "${targets[@]}"; do
    name=${t%%|*} path=${t#*|}
    if [ "${path:0:1}" = + ]; then
      r=$(wrk_run "$label-$name" 8 "$duration" -H "Authorization: Bearer $token" "$base${path:1}")
    else
      r=$(wrk_run "$label-$name" 8 "$duration" "$base$path")
    fi
    printf '    %-36s %8s %8s %8s  %8s/s  errors %s\n' "$name" "$(field "$r" p50)" "$(field "$r" p95)" "$(field "$r" p99)" "$(field "$r" rps)" "$(field "$r" errors)"
    local p95=$(field "$r" p95)
    [ "$(field "$r" errors)" = 0 ] || p95=-
    row "$label" "p95 at 8 conn: $name (ms)" "$(field "$r" p95)" "< 100" "$(verdict "$p95" 100 '<')"
    [ "$name" != "mission page" ] || mission_rps=$(field "$r" rps)
  done

  r=$(wrk_run "$label-hello" 8 "$duration" "http://127.0.0.1:$hello_port/")
  local hello_rps=$(field "$r" rps)
  local share=$(awk -v m="$mission_rps" -v h="$hello_rps" 'BEGIN { if (h > 0) printf "%.4f", 100 * m / h; else print "-" }')
  echo "  bare Kestrel: $hello_rps requests/s; the mission page served $mission_rps/s, $share % of it"
  row "$label" "mission page / bare Kestrel (%)" "$share" ">= 1" "$(verdict "$share" 1 '>=')"

  echo "  64 connections, $mixed over all of them…"
  local paths=()
  for t in "${targets[@]}"; do paths+=("${t#*|}"); done
  # Writes during the run end the reuse of stored answers, as a programme office at work does.
  local writer_pid=
  if [ "$writes" != 0 ]; then
    ( day=$(date -u +%F); i=0
      while :; do
        i=$((i + 1))
        curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
          -d "{\"date\":\"$day\",\"value\":$((500 + i)).5,\"source\":\"load test, during the run\"}" "$base/api/v1/indicators/$indicator/observations" >>"$work/writes-$label.txt"
        sleep "$(awk -v w="$writes" 'BEGIN { printf "%.3f", 1 / w }')"
      done ) &
    writer_pid=$!
  fi
  wrk -t2 -c64 -d"$mixed" --timeout 30s -s "$root/bench/mixed.lua" "$base/" -- "${paths[@]}" >"$work/wrk-$label-mixed.txt" 2>&1 || true
  if [ -n "$writer_pid" ]; then
    kill "$writer_pid" 2>/dev/null; wait "$writer_pid" 2>/dev/null || true
    echo "    with $(grep -c '^201' "$work/writes-$label.txt" || true) observations appended during the run ($(grep -vc '^201' "$work/writes-$label.txt" || true) refused)"
  fi
  r=$(result "$work/wrk-$label-mixed.txt" "$mixed")
  echo "    p50 $(field "$r" p50) ms, p95 $(field "$r" p95) ms, p99 $(field "$r" p99) ms, $(field "$r" rps)/s, errors $(field "$r" errors) (timeouts $(field "$r" timeouts))"
  row "$label" "64 conn, $mixed: errors" "$(field "$r" errors)" "0" "$([ "$(field "$r" errors)" = 0 ] && echo met || echo MISSED)"
  row "$label" "64 conn, $mixed: p99 (ms)" "$(field "$r" p99)" "< 1000" "$(verdict "$(field "$r" p99)" 1000 '<')"

  local rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$web_pid/status")
  echo "  peak RSS of the web process: $rss MB"
  row "$label" "peak RSS under load (MB)" "$rss" "< 400" "$(verdict "$rss" 400 '<')"

  echo "  appending $appends observations through the API…"
  local day=$(date -u +%F)
  : >"$work/append-$label.txt"
  for i in $(seq 1 "$appends"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"date\":\"$day\",\"value\":$((100 + i)).5,\"source\":\"load test\"}" "$base/api/v1/indicators/$indicator/observations" >>"$work/append-$label.txt"
  done
  local append_errors=$(awk '$1 != 201' "$work/append-$label.txt" | wc -l)
  local append_p95=$(awk '{ print $2 * 1000 }' "$work/append-$label.txt" | sort -n | awk '{ t[NR] = $1 } END { i = int(NR * 0.95); if (i < 1) i = 1; printf "%.1f", t[i] }')
  local append_p50=$(awk '{ print $2 * 1000 }' "$work/append-$label.txt" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] }')
  echo "    p50 $append_p50 ms, p95 $append_p95 ms, errors $append_errors"
  [ "$append_errors" = 0 ] || append_p95=-
  row "$label" "append one observation, p95 (ms)" "$append_p95" "< 50" "$(verdict "$append_p95" 50 '<')"

  kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=
}

echo "Masten $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), .NET $(dotnet --version)"
if [ "$sqlite" = 1 ]; then
  mkdir -p "$work/sqlite"
  run_provider Sqlite "Data Source=$work/sqlite/masten.db" SQLite
fi
if [ -n "$postgres" ]; then
  pg_env
  pg_database="masten_bench_$$"
  psql -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$pg_database\"" >/dev/null
  conn=$(echo "$postgres" | tr ';' '\n' | grep -iv '^database=' | paste -sd ';')";Database=$pg_database"
  run_provider Postgres "$conn" PostgreSQL
fi

echo
echo "Results ($scale dataset; wrk -t2, 8 connections $duration per URL, 64 connections $mixed; load average now $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%-10s | %-46s | %14s | %-14s | %s\n' database measure value target verdict
printf '%s\n' "-----------+------------------------------------------------+----------------+----------------+--------"
printf '%s\n' "${table[@]}"
