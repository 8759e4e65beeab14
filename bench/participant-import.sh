#!/usr/bin/env bash
# Times the participant import (issue 15) on a national dataset you generated first: a file of N companies the
# register lacks (default 4,000), each with a navigator of the journey's mission, as a dry run, as an apply (which
# creates the companies and the participants) and as a re-import (which changes nothing). Release CLI.
# Usage: bash bench/participant-import.sh <provider> <connection string> [rows]
#   MASTEN_CLI_DLL: run this build instead of building the worktree's (Release).
# Each apply adds N participants to the journey: use a database made for benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=$1 connection=$2 rows=${3:-4000}
. bench/query.sh
cli=(dotnet run --project src/Masten.Cli -c Release -v q --)
[ -z "${MASTEN_CLI_DLL:-}" ] || cli=(dotnet "$MASTEN_CLI_DLL")
mission=$(q 'SELECT "MissionId" FROM "Journeys" ORDER BY "Id" LIMIT 1')
navigators=$(q "SELECT u.\"Email\" FROM \"RoleAssignments\" r JOIN \"AspNetUsers\" u ON u.\"Id\" = r.\"UserId\" WHERE r.\"Role\" = 'Navigator' AND r.\"MissionId\" = $mission ORDER BY u.\"Id\" LIMIT 50" | tr '\n' ' ')
# A series of organisation numbers (969…, trading partnerships) that continues after those earlier runs added.
start=$(q "SELECT COUNT(*) FROM \"Actors\" WHERE \"OrganisationNumber\" LIKE '969%'")
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT
python3 - "$file" "$rows" "$start" $navigators <<'PY'
import sys
path, rows, start, navigators = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
def luhn(digits):
    total = 0
    for i, d in enumerate(int(c) for c in digits):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)
with open(path, "w", encoding="utf-8") as f:
    f.write("organisationsnummer;namn;kohort;kommunkod;länskod;sni;storleksklass;navigatör;startdatum\n")
    for i in range(rows):
        body = "969" + str(start + i).zfill(6)
        number = body[:6] + "-" + body[6:] + luhn(body)
        f.write(f"{number};Importföretaget {start + i + 1} AB;2026;0180;01;10.71;{['mikro', 'små', 'medelstora'][i % 3]};{navigators[i % len(navigators)]};2026-03-01\n")
PY
echo "Masten $(git rev-parse --short HEAD), $provider, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); mission $mission, $rows rows"
run() {
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s system, %M kB peak RSS" \
    "${cli[@]}" --provider "$provider" --connection "$connection" import participants "$file" --mission "$mission" "$@" | tail -1
}
run "dry run" --dry-run
run "apply"
run "re-import"
