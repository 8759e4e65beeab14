# Sourced by the bench scripts: q SQL runs one statement on the benchmark database given by $provider (Sqlite or
# Postgres) and $connection (Masten's connection string), printing rows unaligned.
if [ "$provider" = Sqlite ]; then
  q() { sqlite3 "${connection#Data Source=}" "$1"; }
else
  part() { echo "$connection" | tr ';' '\n' | awk -F= -v k="$1" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }'; }
  export PGHOST=$(part Host) PGUSER=$(part Username) PGPASSWORD=$(part Password) PGDATABASE=$(part Database) PGPORT=$(part Port)
  [ -n "$PGPORT" ] || export PGPORT=5432
  q() { psql -Atq -c "$1"; }
fi
