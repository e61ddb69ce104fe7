#!/usr/bin/env bash
# .ci/postgres.sh: start a throwaway PostgreSQL for the settings store tests
# and print, on stdout, the line that points the tests at it:
#
#	eval "$(bash .ci/postgres.sh)"   # then: go test ./settings/...
#
# It installs Debian's postgresql package when no server is installed (as
# root, with apt-get), creates a cluster of its own named "planbot" (so a
# cluster you already run is left alone) listening on 127.0.0.1 only, port
# $PLANBOT_PG_PORT (default 54329), starts it if it is down, and (re)creates
# the role and database planbot_test with a new random password. Run again, it
# reuses what is there. Everything it does is said on stderr.
#
# When PostgreSQL cannot be had (not root, no apt-get), it says why and exits
# 0 with nothing on stdout, so the tests skip; with CI=true that is an error.
set -euo pipefail

port="${PLANBOT_PG_PORT:-54329}"
cluster=planbot
role=planbot_test
db=planbot_test

say() { echo "postgres.sh: $*" >&2; }
trap 'say "error: line $LINENO: $BASH_COMMAND exited with status $?"' ERR

# unavailable ends the script: an error in CI, a skip elsewhere.
unavailable() {
	if [ "${CI:-}" = true ]; then
		say "error: $* (CI needs PostgreSQL for the settings store tests)"
		exit 1
	fi
	say "skipped: $*; the PostgreSQL settings tests will be skipped"
	exit 0
}

# newest_major prints the newest installed PostgreSQL major version.
newest_major() {
	local d
	for d in /usr/lib/postgresql/*/bin/pg_ctl; do
		if [ -x "$d" ]; then
			basename "$(dirname "$(dirname "$d")")"
		fi
	done | sort -n | tail -n 1
}

major="$(newest_major)"
if [ -z "$major" ] || ! command -v pg_createcluster >/dev/null; then
	[ "$(id -u)" = 0 ] || unavailable "PostgreSQL is not installed and installing it needs root"
	command -v apt-get >/dev/null || unavailable "PostgreSQL is not installed and there is no apt-get to install it"
	say "installing Debian's postgresql package"
	t0=$SECONDS
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || unavailable "apt-get update failed"
	apt-get install -y -qq --no-install-recommends postgresql >&2 || unavailable "apt-get install postgresql failed"
	say "installed in $((SECONDS - t0))s"
	major="$(newest_major)"
	[ -n "$major" ] || unavailable "postgresql installed but no server found under /usr/lib/postgresql"
else
	say "PostgreSQL $major is installed"
fi

if [ "$(id -u)" != 0 ]; then
	unavailable "managing the cluster needs root (it runs as the postgres user)"
fi

# The socket folder lives under /run, which may be empty after a reboot.
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

# cluster_field prints column $1 of pg_lsclusters for our cluster, if any.
cluster_field() {
	pg_lsclusters --no-header 2>/dev/null | awk -v v="$major" -v c="$cluster" -v f="$1" '$1 == v && $2 == c {print $f}'
}

create_cluster() {
	say "creating cluster $major/$cluster on 127.0.0.1:$port"
	pg_createcluster "$major" "$cluster" --port "$port" --start-conf manual \
		-- --auth-local=peer --auth-host=scram-sha-256 >/dev/null ||
		unavailable "pg_createcluster $major $cluster failed"
	# pg_createcluster -o writes 127.0.0.1 unquoted, which the server
	# cannot parse; conf.d is included by Debian's postgresql.conf.
	cat >"/etc/postgresql/$major/$cluster/conf.d/planbot-ci.conf" <<-'CONF'
		# Written by planbot's .ci/postgres.sh: loopback only, and no
		# durability, for a test database.
		listen_addresses = '127.0.0.1'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
	CONF
}

start_cluster() {
	say "starting cluster $major/$cluster"
	pg_ctlcluster "$major" "$cluster" start >&2
}

status="$(cluster_field 4)"
if [ -z "$status" ]; then
	create_cluster
	status=down
elif [ "$(cluster_field 3)" != "$port" ]; then
	port="$(cluster_field 3)"
	say "cluster $major/$cluster exists on port $port; using that port"
fi

if [ "$status" = online ]; then
	say "cluster $major/$cluster is already running on 127.0.0.1:$port"
elif ! start_cluster; then
	# The cluster is ours and holds nothing worth keeping: make it anew once.
	say "cluster $major/$cluster does not start; dropping and recreating it"
	pg_dropcluster --stop "$major" "$cluster" >&2 || true
	create_cluster
	start_cluster || unavailable "pg_ctlcluster $major $cluster start failed (see /var/log/postgresql/postgresql-$major-$cluster.log)"
fi

for _ in $(seq 60); do
	pg_isready -q -h 127.0.0.1 -p "$port" && break
	sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || unavailable "PostgreSQL on 127.0.0.1:$port did not become ready in 30s"

# A fresh password each run: the database holds nothing worth keeping.
password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }
psql_admin -d postgres -v role="$role" -v password="$password" >&2 <<'SQL' ||
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SQL
	unavailable "could not create role $role"
if [ -z "$(psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
	say "creating database $db"
	runuser -u postgres -- createdb -p "$port" -O "$role" "$db" >&2 || unavailable "could not create database $db"
fi
say "ready: database $db, role $role (new password) on 127.0.0.1:$port"

echo "export PLANBOT_TEST_DATABASE_URL='postgres://$role:$password@127.0.0.1:$port/$db?sslmode=disable'"
