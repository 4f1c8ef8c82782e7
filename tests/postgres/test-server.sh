#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests that need one (the shared store's suite, its process races).
# It lives in a temporary folder, runs as an unprivileged user and listens on a Unix socket in that folder only.
#
#   eval "$(tests/postgres/test-server.sh start)"   # starts one; prints the export lines the tests read
#   tests/postgres/test-server.sh restart           # restarts it (the server-restart test); needs INEDOLICENSE_TEST_PGDATA
#   tests/postgres/test-server.sh stop              # stops it and removes the folder
#
# The tests read INEDOLICENSE_TEST_POSTGRES (a superuser connection string, trust over the socket: they create a
# database per test) and report the PostgreSQL tests as skipped when it is not set. One more role,
# INEDOLICENSE_TEST_PGPASSWORD_ROLE, logs in only with INEDOLICENSE_TEST_PGPASSWORD_SECRET (scram-sha-256).
set -euo pipefail

find_bin() {
    local dir
    for dir in "${PG_BINDIR:-}" /usr/lib/postgresql/*/bin; do
        if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

install_server() {
    if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is not installed; install postgresql-15 (apt-get) or set PG_BINDIR." >&2; exit 1; fi
    echo "Installing postgresql-15 with apt-get..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >&2; }
}

# Runs a server command as the unprivileged owner of the data folder (initdb and postgres refuse root).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

owner=$( [ "$(id -u)" -eq 0 ] && { id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody; } || id -un )

case "${1:-}" in
start)
    bin=$(find_bin) || { install_server; bin=$(find_bin); }
    root=$(mktemp -d /tmp/inedolicense-pg.XXXXXX)
    chmod 755 "$root"
    mkdir "$root/data" "$root/socket"
    if [ "$(id -u)" -eq 0 ]; then chown "$owner" "$root/data" "$root/socket"; fi
    as_owner "$bin/initdb" -D "$root/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    # One role logs in with a password (scram-sha-256), for the tests that passwords never leak; the rest is trust.
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    { echo "local all inedolicense_pw scram-sha-256"; cat "$root/data/pg_hba.conf"; } > "$root/pg_hba.conf" && mv "$root/pg_hba.conf" "$root/data/pg_hba.conf"
    if [ "$(id -u)" -eq 0 ]; then chown "$owner" "$root/data/pg_hba.conf"; fi
    # Socket only, in our folder; fsync stays on: the crash tests rely on what a commit means.
    as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/data/server.log" -w -o "-c listen_addresses='' -c unix_socket_directories='$root/socket' -c max_connections=200" start >&2
    as_owner "$bin/psql" -h "$root/socket" -U postgres -d postgres -qc "CREATE ROLE inedolicense_pw LOGIN CREATEDB PASSWORD '$password'" >&2
    echo "export INEDOLICENSE_TEST_PGDATA='$root/data'"
    echo "export INEDOLICENSE_TEST_PGBIN='$bin'"
    echo "export INEDOLICENSE_TEST_POSTGRES='Host=$root/socket;Username=postgres;Database=postgres'"
    # The password role: its name and password, for tests that give it through PGPASSWORD, a passfile or a credential.
    echo "export INEDOLICENSE_TEST_PGPASSWORD_ROLE='inedolicense_pw'"
    echo "export INEDOLICENSE_TEST_PGPASSWORD_SECRET='$password'"
    ;;
restart)
    bin=${INEDOLICENSE_TEST_PGBIN:-$(find_bin)}
    as_owner "$bin/pg_ctl" -D "${INEDOLICENSE_TEST_PGDATA:?}" -l "$INEDOLICENSE_TEST_PGDATA/server.log" -w -m fast restart >&2
    ;;
stop)
    bin=${INEDOLICENSE_TEST_PGBIN:-$(find_bin)}
    data=${INEDOLICENSE_TEST_PGDATA:?}
    as_owner "$bin/pg_ctl" -D "$data" -w -m fast stop >&2 || true
    case "$data" in /tmp/inedolicense-pg.*/data) rm -rf "$(dirname "$data")" ;; esac
    ;;
*)
    echo "usage: $0 start|restart|stop" >&2; exit 2 ;;
esac
