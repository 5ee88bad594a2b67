# Sourced after env.sh: make sure the machine's PostgreSQL answers on 127.0.0.1:5432 and tell
# Backstage's TestDatabases where it is. Without a local PostgreSQL the Postgres variants are skipped
# and we say so loudly.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    :
  elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "==> Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    local major
    major="$(psql -h 127.0.0.1 -U postgres -Atc 'show server_version_num' | cut -c1-2)"
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432"
    export MESHPORT_TEST_POSTGRES_ID="POSTGRES_${major}"
    echo "==> PostgreSQL ${major} on 127.0.0.1:5432"
  else
    echo "WARNING: no PostgreSQL on 127.0.0.1:5432: database tests run on SQLite only." >&2
  fi
}
