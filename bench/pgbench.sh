#!/usr/bin/env bash
# Statements per second over the PostgreSQL protocol, 2 clients, side by
# side, for two privilege-heavy statements run by a role that reaches R10
# through a chain of 10 role grants (dependencies-and-wire.md §5):
#   - Frostgate SELECT IS_ROLE_IN_SESSION('R10') against PostgreSQL 15
#     has_table_privilege('r_leaf','t1','SELECT');
#   - an authorized 1-row SELECT (SELECT on the table granted to R10) in
#     both: Frostgate checks USAGE, USAGE, SELECT and the warehouse through
#     the chain, PostgreSQL checks SELECT through it.
#
#   bench/pgbench.sh            # DURATION=10 seconds per run, MODES="simple extended prepared"
#
# Needs pgbench and psql (postgresql-client) and a PostgreSQL 15 server
# (postgresql-15; installed with apt-get when missing and allowed). Both
# servers listen on loopback ports chosen here and are stopped at the end;
# nothing else is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
MODES=${MODES:-simple extended prepared}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

tmp=$(mktemp -d)
fg_pid=""
pg_started=""
cleanup() {
	[ -n "$fg_pid" ] && kill "$fg_pid" 2>/dev/null && wait "$fg_pid" 2>/dev/null || true
	if [ -n "$pg_started" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$tmp/pgdata" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# initdb and postgres refuse to run as root: run them as "postgres" then.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# free_port prints a loopback port nothing listens on.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

if [ ! -x "$PGBIN/postgres" ] || ! command -v pgbench >/dev/null; then
	echo "installing postgresql-15 and postgresql-client"
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 postgresql-client >/dev/null
fi

# --- Frostgate ---
go build -o "$tmp/frostgate" ./cmd/frostgate
fg_port=$(free_port)
"$tmp/frostgate" serve --pg-addr "127.0.0.1:$fg_port" --log-level error >"$tmp/fg.out" &
fg_pid=$!
for _ in $(seq 200); do grep -q "PostgreSQL protocol on" "$tmp/fg.out" && break; sleep 0.05; done
fg="host=127.0.0.1 port=$fg_port user=ADMIN dbname=frostgate sslmode=disable"
export PGPASSWORD=admin
{
	for i in $(seq 1 10); do echo "CREATE ROLE R$i;"; done
	echo "CREATE ROLE R_LEAF;"
	for i in $(seq 1 9); do echo "GRANT ROLE R$((i + 1)) TO ROLE R$i;"; done
	echo "GRANT ROLE R1 TO ROLE R_LEAF;"
	echo "GRANT ROLE R_LEAF TO USER ADMIN;"
	echo "CREATE DATABASE BENCH;"
	echo "CREATE TABLE BENCH.PUBLIC.T1 (ID INT, V VARCHAR);"
	# 1000 rows, as PostgreSQL's t1 has.
	echo "INSERT INTO BENCH.PUBLIC.T1 VALUES $(seq 1 1000 | sed "s/.*/(&, 'v&')/" | paste -sd, -);"
	echo "GRANT USAGE ON DATABASE BENCH TO ROLE R10;"
	echo "GRANT USAGE ON SCHEMA BENCH.PUBLIC TO ROLE R10;"
	echo "GRANT SELECT ON TABLE BENCH.PUBLIC.T1 TO ROLE R10;"
	echo "GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE R10;"
	# No secondary roles: R10 is reached through the chain alone.
	echo "ALTER USER ADMIN SET DEFAULT_SECONDARY_ROLES = ();"
} | psql -X -q -v ON_ERROR_STOP=1 "$fg" >/dev/null
echo "SELECT IS_ROLE_IN_SESSION('R10');" >"$tmp/fg.sql"
echo "SELECT V FROM BENCH.PUBLIC.T1 WHERE ID = 1;" >"$tmp/fg_select.sql"
check=$(PGOPTIONS="-c role=R_LEAF" psql -X -A -t "$fg" -f "$tmp/fg.sql")
[ "$check" = "t" ] || { echo "Frostgate setup: IS_ROLE_IN_SESSION('R10') = $check"; exit 1; }

# --- PostgreSQL 15 ---
pg_port=$(free_port)
mkdir -p "$tmp/pgdata" "$tmp/pgsock"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$tmp/pgdata" "$tmp/pgsock" && chmod 755 "$tmp"
as_pg "$PGBIN/initdb" -D "$tmp/pgdata" -A trust -U postgres --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$tmp/pgdata" -l "$tmp/pgdata/log" -w \
	-o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$tmp/pgsock" start >/dev/null
pg_started=1
pg="host=127.0.0.1 port=$pg_port user=postgres"
psql -X -q -v ON_ERROR_STOP=1 "$pg dbname=postgres" -c "CREATE DATABASE bench" >/dev/null
{
	echo "CREATE TABLE t1 (id int PRIMARY KEY, v text);"
	echo "INSERT INTO t1 SELECT g, 'v' || g FROM generate_series(1, 1000) g;"
	for i in $(seq 1 10); do echo "CREATE ROLE r$i NOLOGIN;"; done
	echo "CREATE ROLE r_leaf NOLOGIN;"
	echo "GRANT r1 TO r_leaf;"
	for i in $(seq 1 9); do echo "GRANT r$((i + 1)) TO r$i;"; done
	echo "GRANT SELECT ON t1 TO r10;"
} | psql -X -q -v ON_ERROR_STOP=1 "$pg dbname=bench" >/dev/null
echo "SELECT has_table_privilege('r_leaf', 't1', 'SELECT');" >"$tmp/pg.sql"
echo "SELECT v FROM t1 WHERE id = 1;" >"$tmp/pg_select.sql"
check=$(psql -X -A -t "$pg dbname=bench" -f "$tmp/pg.sql")
[ "$check" = "t" ] || { echo "PostgreSQL setup: has_table_privilege = $check"; exit 1; }

tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1; }

check=$(PGOPTIONS="-c role=R_LEAF" psql -X -A -t "$fg" -f "$tmp/fg_select.sql")
[ "$check" = "v1" ] || { echo "Frostgate setup: 1-row SELECT = $check"; exit 1; }

echo "pgbench, 2 clients, 2 threads, ${DURATION}s per run ($(nproc) cores)"
run() { # run LABEL FG_SQL PG_SQL
	printf '%s\n%-9s %24s %24s %7s\n' "$1" mode "Frostgate" "PostgreSQL 15" ratio
	for mode in $MODES; do
		f=$(PGOPTIONS="-c role=R_LEAF" pgbench -n -c 2 -j 2 -T "$DURATION" -M "$mode" -f "$2" "$fg" 2>&1 | tps)
		p=$(PGOPTIONS="-c role=r_leaf" pgbench -n -c 2 -j 2 -T "$DURATION" -M "$mode" -f "$3" "$pg dbname=bench" 2>&1 | tps)
		awk -v m="$mode" -v f="$f" -v p="$p" 'BEGIN { printf "%-9s %20.0f tps %20.0f tps %6.2fx\n", m, f, p, f / p }'
	done
}
run "IS_ROLE_IN_SESSION('R10') vs has_table_privilege" "$tmp/fg.sql" "$tmp/pg.sql"
run "authorized 1-row SELECT" "$tmp/fg_select.sql" "$tmp/pg_select.sql"
