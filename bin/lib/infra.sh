# shellcheck shell=bash
# PostgreSQL and Redis: used as they are when they answer on loopback, started (and installed, as
# root, with apt-get) when they do not. What gets started here is recorded in .run/started/ so
# only that is stopped later.

PG_PORT=5432
REDIS_PORT=6379

APT_UPDATED=false

# Install Debian packages, or say exactly what to run when we may not.
apt_install() {
    if ((EUID != 0)); then
        die "$* is not installed and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y $*' and try again"
    fi
    command -v apt-get >/dev/null || die "$* is not installed and this machine has no apt-get: install it and try again"
    step "installing $* with apt-get"
    if [[ $APT_UPDATED == false ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null || die "apt-get update failed"
        APT_UPDATED=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null >"$LOG_DIR/apt-get.log" 2>&1 ||
        { log_tail "$LOG_DIR/apt-get.log"; die "apt-get install $* failed"; }
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

postgres_ready() {
    if command -v pg_isready >/dev/null; then
        pg_isready -q -h "$LOOPBACK" -p "$PG_PORT" -t 2 2>/dev/null
    else
        port_open "$PG_PORT"
    fi
}

# Newest cluster version under /etc/postgresql (Debian's layout), or nothing.
postgres_version() {
    local versions
    versions=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1) || true
    printf '%s\n' "$versions"
}

# A fresh Debian install asks for passwords on TCP; the suite (like these machines) uses trust on
# loopback for the superuser that provisions roles. Only done on an install the suite made.
postgres_trust_loopback() {
    local hba="/etc/postgresql/$1/main/pg_hba.conf"
    [[ -f $hba ]] || return 0
    grep -q '^# commerce-suite local trust' "$hba" && return 0
    local tmp
    tmp=$(mktemp)
    {
        printf '# commerce-suite local trust (added by bin/suite on an install it made)\n'
        printf 'host all all 127.0.0.1/32 trust\n'
        printf 'host all all ::1/128 trust\n'
        cat "$hba"
    } >"$tmp"
    cat "$tmp" >"$hba"
    rm -f "$tmp"
}

ensure_postgres() {
    if postgres_ready; then
        say "postgres: answering on $LOOPBACK:$PG_PORT"
        return 0
    fi
    if port_open "$PG_PORT"; then
        die "port $PG_PORT is in use by $(port_owner "$PG_PORT"), which does not answer as PostgreSQL"
    fi
    local installed=false version
    if [[ -z $(postgres_version) ]] || ! command -v pg_ctlcluster >/dev/null; then
        apt_install postgresql
        installed=true
    fi
    version=$(postgres_version)
    [[ -n $version ]] || die "PostgreSQL is installed but /etc/postgresql has no cluster; create one with 'pg_createcluster <version> main'"
    [[ $installed == true ]] && postgres_trust_loopback "$version"
    step "starting PostgreSQL $version (cluster main)"
    # The package's install may already have started it; a second start then fails harmlessly.
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >"$LOG_DIR/postgres-start.log" 2>&1 9>&- ||
        postgres_ready || true
    [[ $installed == true ]] && pg_ctlcluster --skip-systemctl-redirect "$version" main reload >/dev/null 2>&1
    mark_started postgres
    local deadline=$(($(now_ms) + 30000))
    until postgres_ready; do
        if (($(now_ms) > deadline)); then
            log_tail "$LOG_DIR/postgres-start.log"
            log_tail "/var/log/postgresql/postgresql-$version-main.log"
            die "PostgreSQL did not answer on $LOOPBACK:$PG_PORT within 30s"
        fi
        sleep 0.5
    done
    say "postgres: started, answering on $LOOPBACK:$PG_PORT"
}

stop_postgres() {
    local version
    version=$(postgres_version)
    if [[ -n $version ]] && postgres_ready; then
        step "stopping PostgreSQL $version (the suite started it)"
        pg_ctlcluster --skip-systemctl-redirect "$version" main stop >/dev/null 2>&1 ||
            warn "pg_ctlcluster $version main stop failed"
    fi
    forget_started postgres
}

# ---------------------------------------------------------------------------------------------
# Redis

redis_ready() {
    local reply
    reply=$(timeout 2 bash -c "exec 3<>/dev/tcp/$LOOPBACK/$REDIS_PORT && printf 'PING\r\n' >&3 && IFS= read -r line <&3 && printf '%s' \"\$line\"" 2>/dev/null) || true
    [[ $reply == +PONG* ]]
}

ensure_redis() {
    if redis_ready; then
        say "redis: answering on $LOOPBACK:$REDIS_PORT"
        return 0
    fi
    if port_open "$REDIS_PORT"; then
        die "port $REDIS_PORT is in use by $(port_owner "$REDIS_PORT"), which does not answer as Redis"
    fi
    command -v redis-server >/dev/null || apt_install redis-server
    mark_started redis
    # The package's install may have started one already.
    if ! redis_ready; then
        step "starting Redis (no persistence)"
        redis-server --daemonize yes --bind "$LOOPBACK" --port "$REDIS_PORT" --save "" --appendonly no \
            --pidfile "$RUN_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" >/dev/null 9>&- ||
            die "redis-server did not start (see .run/logs/redis.log)"
    fi
    local deadline=$(($(now_ms) + 15000))
    until redis_ready; do
        (($(now_ms) > deadline)) && { log_tail "$LOG_DIR/redis.log"; die "Redis did not answer on $LOOPBACK:$REDIS_PORT within 15s"; }
        sleep 0.2
    done
    say "redis: started, answering on $LOOPBACK:$REDIS_PORT"
}

stop_redis() {
    local pid=""
    [[ -f $RUN_DIR/redis.pid ]] && pid=$(<"$RUN_DIR/redis.pid")
    pid_alive "$pid" || pid=$(port_pid "$REDIS_PORT")
    if [[ -n $pid ]]; then
        step "stopping Redis (the suite started it)"
        stop_processes 15 "redis=$pid"
    fi
    rm -f "$RUN_DIR/redis.pid"
    forget_started redis
}
