#!/usr/bin/env bash
# Mission export and round trip at scale. Builds the CLI in Release, generates a dataset into a fresh SQLite
# file (and, with --postgres, a fresh PostgreSQL database), finds the mission with the most observations,
# times `masten export mission` to JSON (and XLSX), then imports that document into an empty database of the
# other provider, exports it again and compares the two documents (all but exportedAt). See bench/README.md.
#
# Usage: bash bench/export.sh [--scale small|medium|national] [--postgres CONNECTION] [--keep]
#   --postgres CONNECTION   an Npgsql connection string of a user with CREATEDB (or MASTEN_BENCH_POSTGRES);
#                           the script creates its own databases next to the one named and drops them at the end
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=national keep=0 postgres=${MASTEN_BENCH_POSTGRES:-}
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift ;;
    --postgres) postgres=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
work=$(mktemp -d)
pg_dbs=()
pg() { PGPASSWORD=$(part Password) psql -h "$(part Host)" -U "$(part Username)" -d postgres -qtAc "$1"; }
part() { echo "$postgres" | tr ';' '\n' | awk -F= -v k="$1" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }'; }
pg_conn() { echo "$postgres" | sed -E "s/(^|;)Database=[^;]*/\1Database=$1/I"; }
cleanup() {
  for d in "${pg_dbs[@]}"; do pg "DROP DATABASE IF EXISTS $d" || true; done
  if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "Kept $work"; fi
}
trap cleanup EXIT

dotnet build -c Release "$root/src/Masten.Cli" -o "$work/cli" -v q -nologo >/dev/null
masten="$work/cli/masten"
# measure COMMAND...: wall time and peak RSS of the command, its output discarded
measure() { /usr/bin/time -f "%e s, peak RSS %M KB" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }; cat "$work/time"; }
same() { python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
a.pop('exportedAt'); b.pop('exportedAt')
print('equal' if a == b else 'DIFFERENT: ' + ', '.join(k for k in a if a[k] != b.get(k)))
PY
}

sq="Data Source=$work/a.db"
"$masten" --connection "$sq" migrate >/dev/null
echo "generate --scale $scale on SQLite: $(measure "$masten" --connection "$sq" generate --scale "$scale")"
mission=$(sqlite3 "$work/a.db" "SELECT g.MissionId FROM Observations o JOIN Indicators i ON i.Id = o.IndicatorId JOIN Goals g ON g.Id = i.GoalId GROUP BY g.MissionId ORDER BY COUNT(*) DESC LIMIT 1")
rows=$(sqlite3 "$work/a.db" "SELECT COUNT(*) FROM Observations o JOIN Indicators i ON i.Id = o.IndicatorId JOIN Goals g ON g.Id = i.GoalId WHERE g.MissionId = $mission")
echo "largest mission: $mission ($rows observations)"
echo "SQLite export to JSON: $(measure "$masten" --connection "$sq" export mission "$mission" -o "$work/a.json"); $(du -m "$work/a.json" | cut -f1) MB"
echo "SQLite export to XLSX: $(measure "$masten" --connection "$sq" export mission "$mission" --format xlsx -o "$work/a.xlsx")"

# The round trip: into an empty database of the other provider when there is one, else another SQLite file.
if [ -n "$postgres" ]; then
  db=masten_export_bench_$$; pg_dbs+=("$db"); pg "CREATE DATABASE $db"
  other=(--provider Postgres --connection "$(pg_conn "$db")"); name=PostgreSQL
else
  other=(--connection "Data Source=$work/b.db"); name=SQLite
fi
"$masten" "${other[@]}" migrate >/dev/null
echo "import into an empty $name database: $(measure "$masten" "${other[@]}" import mission "$work/a.json")"
echo "$name export to JSON: $(measure "$masten" "${other[@]}" export mission "$mission" -o "$work/b.json")"
echo "round trip SQLite -> $name -> JSON: $(same "$work/a.json" "$work/b.json")"
if [ -n "$postgres" ]; then
  "$masten" --connection "Data Source=$work/c.db" migrate >/dev/null
  echo "import back into an empty SQLite database: $(measure "$masten" --connection "Data Source=$work/c.db" import mission "$work/b.json")"
  "$masten" --connection "Data Source=$work/c.db" export mission "$mission" -o "$work/c.json"
  echo "round trip PostgreSQL -> SQLite -> JSON: $(same "$work/b.json" "$work/c.json")"
fi
