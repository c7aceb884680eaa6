#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the storage tests.
#
#   1. something answers already      -> do nothing
#   2. Debian's pg_ctlcluster exists   -> start the installed cluster
#   3. otherwise                      -> apt-get install postgresql, start a cluster in its own
#                                        data directory (trust auth, user postgres, database test)
#
# Prints what it did; exports nothing. Tests read SITROOM_TEST_PG_URL
# (default postgresql+psycopg://postgres@127.0.0.1:5432/test) and skip their PostgreSQL half,
# saying why, when no server answers.
set -euo pipefail

HOST=127.0.0.1 PORT=5432
DATA_DIR=${SITROOM_PG_DATA:-/var/tmp/sitroom-postgres}

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT" -t 2
  else
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

wait_for_server() {
  for _ in $(seq 1 30); do
    answers && return 0
    sleep 1
  done
  echo "ensure-postgres: the server did not come up on $HOST:$PORT" >&2
  return 1
}

ensure_test_database() {
  # trust auth for local TCP is what the tests expect; create the database when missing
  local psql=(psql -h "$HOST" -p "$PORT" -U postgres -tAc)
  if command -v psql >/dev/null 2>&1 && [ "$("${psql[@]}" "select 1 from pg_database where datname='test'" postgres 2>/dev/null)" != 1 ]; then
    if "${psql[@]}" "create database test" postgres >/dev/null; then
      echo "ensure-postgres: created database test"
    else
      echo "ensure-postgres: could not create database test (authentication?)" >&2
    fi
  fi
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

if answers; then
  echo "ensure-postgres: a server already answers on $HOST:$PORT"
  ensure_test_database
  exit 0
fi

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql)" ]; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  echo "ensure-postgres: starting the installed cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for_server
  ensure_test_database
  exit 0
fi

echo "ensure-postgres: no server and no cluster; installing Debian's postgresql"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$DATA_DIR"
chown postgres:postgres "$DATA_DIR"
if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
  as_postgres "$bindir/initdb" -D "$DATA_DIR" -U postgres --auth=trust >/dev/null
  echo "ensure-postgres: initialised a cluster in $DATA_DIR"
fi
as_postgres "$bindir/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w \
  -o "-c listen_addresses=$HOST -c port=$PORT -k /tmp" start >/dev/null
wait_for_server
echo "ensure-postgres: started PostgreSQL from $bindir on $HOST:$PORT (data in $DATA_DIR)"
ensure_test_database
