#!/usr/bin/env bash
# Makes sure what the tests talk to is up on this machine: PostgreSQL (5432), NATS with
# JetStream (4222) and Redis (6379). Starts any that is down, installing it from Debian's
# packages when missing (needs root). Does nothing when all three answer.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}


# --- PostgreSQL on 5432 ------------------------------------------------------
if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
if ! port_open 5432; then
  log "installing PostgreSQL"
  apt_install postgresql
  ver=$(ls /etc/postgresql | head -1)
  sed -i 's/^\(local\|host\)\(.*\)\(peer\|scram-sha-256\|md5\)$/\1\2trust/' "/etc/postgresql/$ver/main/pg_hba.conf" || true
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
fi
for _ in $(seq 1 50); do port_open 5432 && break; sleep 0.2; done

# --- NATS with JetStream on 4222 ---------------------------------------------
if ! port_open 4222; then
  command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || { log "installing nats-server"; apt_install nats-server; }
  bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  log "starting nats-server"
  mkdir -p /var/lib/nats-server
  GOMAXPROCS=1 start-stop-daemon --start --oknodo --background --exec "$bin" -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  for _ in $(seq 1 50); do port_open 4222 && break; sleep 0.2; done
fi

# --- Redis on 6379 -------------------------------------------------------------
if ! port_open 6379; then
  command -v redis-server >/dev/null || { log "installing redis-server"; apt_install redis-server; }
  log "starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do port_open 6379 && break; sleep 0.2; done
fi

for p in 5432 4222 6379; do port_open "$p" || { log "port $p is not up"; exit 1; }; done

