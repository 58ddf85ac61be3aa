#!/usr/bin/env bash
# Make sure the services the test suite talks to are up: PostgreSQL on 127.0.0.1:5432 (trust
# auth, database "test") and Redis on 127.0.0.1:6379, and Debian's Chromium for the report test.
# On a machine that already has them this does nothing; on a fresh Debian machine (as root) it
# installs them from Debian's packages.
set -euo pipefail

have_port() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "services.sh: $* missing and not root; install them with: sudo apt-get install -y $*" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
}

if ! have_port 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  ver="$(ls /etc/postgresql | sort -n | tail -1)"
  conf="/etc/postgresql/$ver/main"
  # Trust local TCP connections, as the test machines do.
  if ! grep -q "keyward-ci" "$conf/pg_hba.conf"; then
    sed -i '1i host all all 127.0.0.1/32 trust # keyward-ci\nhost all all ::1/128 trust # keyward-ci\nlocal all all trust # keyward-ci' "$conf/pg_hba.conf"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
  for _ in $(seq 1 30); do have_port 5432 && break; sleep 0.5; done
fi
if have_port 5432 && command -v psql >/dev/null; then
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null 2>&1 || true
fi

if ! have_port 6379; then
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do have_port 6379 && break; sleep 0.5; done
fi

# Debian's Chromium renders the evidence report in test/evidence/report-browser.test.ts; without
# it that test says SKIPPED, so a machine that cannot install it still runs the rest.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  apt_install chromium || echo "services: Chromium not installed; the report-browser test will be skipped" >&2
fi

have_port 5432 && echo "services: PostgreSQL up on 127.0.0.1:5432" || { echo "services: PostgreSQL is not reachable" >&2; exit 1; }
have_port 6379 && echo "services: Redis up on 127.0.0.1:6379" || { echo "services: Redis is not reachable" >&2; exit 1; }
