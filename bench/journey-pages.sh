#!/usr/bin/env bash
# Times the journey pages of Masten (issue 15) in Release against a national dataset you generated first: the
# journey overview unfiltered, with each filter and with all of them, the stalled list's second page, the navigator's
# own list, a participant page, and their API reads. Rendered pages are never reused (Cache:Enabled=false), as for a
# signed-in person; the journey's analyses are reused under the data stamp as Masten does (Cache:Analyses, on), unless
# MASTEN_BENCH_ANALYSES=false. Pages are requested signed in (a session cookie), the API with the token.
# Usage: bash bench/journey-pages.sh <provider> <connection string> <token file> [requests] [--only REGEX]
#   MASTEN_WEB_DLL / MASTEN_CLI_DLL: run these builds instead of building the worktree's (Release).
#   Fill the database first (the token file is written by generate):
#     dotnet run --project src/Masten.Cli -c Release -- --provider Sqlite --connection "Data Source=/path/masten.db" migrate
#     dotnet run --project src/Masten.Cli -c Release -- --provider Sqlite --connection "Data Source=/path/masten.db" generate --scale national --api-token-file token.txt
#   Pages take no token, so the script signs in as journey-bench@masten.invalid: the first time it makes that account a
#   system administrator through a one-time link (`masten admin create`) and the invitation page. It gives that account
#   the navigator role in the journey's mission and hands it the participants of the busiest navigator (about 33 at
#   national scale), and raises the data stamp after. Use a database made for benchmarks.
# Prints, per URL, the status, curl's time to first byte one request at a time (median, p95), the server's CPU time
# per request over those requests, the answer's size, and wrk's latency at 8 connections for 10 s (p50, p95, requests/s).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=$1 connection=$2 token=$(cat "$3") requests=${4:-40}
only=
[ "${5:-}" != --only ] || only=$6
port=${MASTEN_BENCH_PORT:-5097}
dll=${MASTEN_WEB_DLL:-src/Masten.Web/bin/Release/net10.0/Masten.Web.dll}
log=$(mktemp)
pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true; rm -f "$log" "$log.lua"' EXIT

. bench/query.sh
mission=$(q 'SELECT "MissionId" FROM "Journeys" ORDER BY "Id" LIMIT 1')
participant=$(q "SELECT \"ParticipantId\" FROM \"StepEvents\" GROUP BY \"ParticipantId\" ORDER BY COUNT(*) DESC, \"ParticipantId\" LIMIT 1")
cohort=$(q "SELECT \"Cohort\" FROM \"Participants\" WHERE \"MissionId\" = $mission GROUP BY \"Cohort\" ORDER BY COUNT(*) DESC, \"Cohort\" LIMIT 1")
region=$(q "SELECT \"RegionCode\" FROM \"Participants\" WHERE \"MissionId\" = $mission GROUP BY \"RegionCode\" ORDER BY COUNT(*) DESC, \"RegionCode\" LIMIT 1")
events=$(q "SELECT COUNT(*) FROM \"StepEvents\" WHERE \"ParticipantId\" = $participant")

[ -n "${MASTEN_WEB_DLL:-}" ] || dotnet build -c Release src/Masten.Web -v q -nologo >/dev/null
Database__Provider="$provider" ConnectionStrings__Masten="$connection" Demo__SeedOnEmptyDatabase=false Cache__Enabled=false \
  Cache__Analyses="${MASTEN_BENCH_ANALYSES:-true}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

# Signs in with a session cookie (pages take no token), making the account through a one-time link the first time.
jar=$(mktemp) email=journey-bench@masten.invalid password="journey bench passphrase 2030"
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true; rm -f "$log" "$log.lua" "$jar"' EXIT
post_form() { # URL NAME=VALUE…: posts the page's form with its hidden fields; prints the status
  local url="http://127.0.0.1:$port$1"; shift
  local fields=()
  while IFS=$'\t' read -r name value; do fields+=(--data-urlencode "$name=$value"); done < <(curl -s -b "$jar" -c "$jar" "$url" |
    grep -o '<input type="hidden"[^>]*>' | sed -n 's/.*name="\([^"]*\)" value="\([^"]*\)".*/\1\t\2/p')
  for f in "$@"; do fields+=(--data-urlencode "$f"); done
  curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' "${fields[@]}" "$url"
}
if [ "$(post_form /account/login "Form.Email=$email" "Form.Password=$password")" != 302 ]; then
  cli=(dotnet run --project src/Masten.Cli -c Release -v q --)
  [ -z "${MASTEN_CLI_DLL:-}" ] || cli=(dotnet "$MASTEN_CLI_DLL")
  link=$("${cli[@]}" --provider "$provider" --connection "$connection" admin create --email "$email" | grep -o '/invite/.*')
  status=$(post_form "$link" "Form.DisplayName=Journey bench" "Form.Password=$password" "Form.ConfirmPassword=$password")
  [ "$status" = 302 ] || { echo "could not sign up through $link: $status" >&2; exit 1; }
fi
me=$(q "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = '$email'")
busiest=$(q "SELECT \"NavigatorId\" FROM \"Participants\" WHERE \"MissionId\" = $mission AND \"NavigatorId\" IS NOT NULL AND \"NavigatorId\" <> $me GROUP BY \"NavigatorId\" ORDER BY COUNT(*) DESC, \"NavigatorId\" LIMIT 1")
if [ "$(q "SELECT COUNT(*) FROM \"RoleAssignments\" WHERE \"UserId\" = $me AND \"Role\" = 'Navigator'")" = 0 ]; then
  q "INSERT INTO \"RoleAssignments\" (\"UserId\", \"MissionId\", \"Role\", \"Version\", \"CreatedAt\", \"UpdatedAt\") VALUES ($me, $mission, 'Navigator', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
  q "UPDATE \"Participants\" SET \"NavigatorId\" = $me WHERE \"MissionId\" = $mission AND \"NavigatorId\" = $busiest"
  q 'UPDATE "DataStamps" SET "Value" = "Value" + 1 WHERE "Id" = 1'   # written beside Masten: end its reused answers
fi
navigator=$(q "SELECT \"NavigatorId\" FROM \"Participants\" WHERE \"MissionId\" = $mission AND \"NavigatorId\" <> $me GROUP BY \"NavigatorId\" ORDER BY COUNT(*) DESC, \"NavigatorId\" LIMIT 1")
mine=$(q "SELECT COUNT(*) FROM \"Participants\" WHERE \"NavigatorId\" = $me")

cat > "$log.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("wrk -c8: p50 %.1f ms  p95 %.1f ms  %.0f req/s  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

measure() {
  local name=$1 url="http://127.0.0.1:$port$2"
  if [ -n "$only" ] && ! echo "$name" | grep -Eq "$only"; then return; fi
  local auth
  case "$2" in
    /api/*) auth=(-H "Authorization: Bearer $token") ;;
    anonymous:*) auth=(-H "X-Anonymous: 1"); url="http://127.0.0.1:$port${2#anonymous:}" ;;
    *) auth=(-b "$jar") ;;
  esac
  local status; status=$(curl -s "${auth[@]}" -o /dev/null -w '%{http_code}' "$url")
  local bytes; bytes=$(curl -s "${auth[@]}" "$url" | wc -c)
  for _ in $(seq 1 10); do curl -s "${auth[@]}" -o /dev/null "$url"; done   # warm up: JIT, caches
  local before; before=$(cpu)
  local serial; serial=$(for _ in $(seq 1 "$requests"); do curl -s "${auth[@]}" -o /dev/null -w '%{time_starttransfer}\n' "$url"; done |
    sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "curl: median %.1f ms  p95 %.1f ms", t[int((NR+1)/2)], t[int(NR*0.95)] }')
  local spent=$(( $(cpu) - before ))
  serial="$serial  cpu $(awk -v t="$spent" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f ms/req", t * 1000 / hz / n }')"
  local header=("${auth[@]}")
  # wrk takes headers only: the session cookie as one.
  [ "${auth[0]}" != -b ] || header=(-H "Cookie: $(awk 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")")
  local loaded; loaded=$(wrk -t2 -c8 -d10s "${header[@]}" -s "$log.lua" "$url" | tail -1)
  printf "%-34s %s %7d B  %s  %s\n" "$name" "$status" "$bytes" "$serial" "$loaded"
}

echo "Masten $(git rev-parse --short HEAD) ($dll), $provider, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version)"
echo "mission $mission ($(q "SELECT COUNT(*) FROM \"Participants\" WHERE \"MissionId\" = $mission") participants), participant $participant ($events step events), navigator list of $mine participants"
j="/missions/$mission/journey"
measure "journey page, visitor" "anonymous:$j"
measure "journey page" "$j"
measure "journey page, cohort" "$j?cohort=$cohort"
measure "journey page, region" "$j?region=$region"
measure "journey page, sector" "$j?sector=10"
measure "journey page, size" "$j?size=Small"
measure "journey page, navigator" "$j?navigator=$navigator"
measure "journey page, every filter" "$j?cohort=$cohort&region=$region&sector=10&size=Micro&navigator=$navigator"
measure "journey page, stalled page 2" "$j?page=2"
measure "navigator's list" "$j/mine"
measure "participant page" "/participants/$participant"
measure "funnel API, every filter" "/api/v1/missions/$mission/journey/funnel?cohort=$cohort&region=$region&sector=10&size=Micro&navigator=$navigator"
measure "participants API" "/api/v1/missions/$mission/participants"
measure "stalled API" "/api/v1/missions/$mission/journey/stalled"
measure "my caseload API" "/api/v1/missions/$mission/caseload/mine"
measure "participant API" "/api/v1/participants/$participant"
