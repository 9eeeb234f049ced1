#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests, in a cluster under a temporary directory.
#
#   scripts/test-postgres.sh start DIR [PORT]   creates the cluster in DIR (if new), starts it and
#                                               prints the URL to put in RAPPORT_TEST_POSTGRES_URL
#   scripts/test-postgres.sh stop DIR           stops it
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
# Debian's package creates.
set -euo pipefail

command=${1:?start or stop}
directory=${2:?a directory for the cluster}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }

as_owner() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
    mkdir -p "$directory"
    [[ $(id -u) == 0 ]] && chown postgres "$directory"
    if [[ ! -f "$directory/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$directory" -U rapport --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # Fsync off: a test cluster is thrown away, and the tests check transactions, not the disk.
    as_owner "$bin/pg_ctl" -D "$directory" -l "$directory/server.log" -w \
        -o "-p $port -k $directory -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U rapport -d postgres -qAtc \
        "SELECT 1 FROM pg_database WHERE datname = 'rapport_test'" | grep -q 1 ||
        as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U rapport rapport_test
    echo "postgres://rapport@127.0.0.1:$port/rapport_test"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$directory" -m fast -w stop >/dev/null
    ;;
*)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
