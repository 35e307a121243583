# shellcheck shell=bash
# Shared helpers for bin/suite and bin/test: paths, messages, ports, processes and the record of
# what the launcher started itself (so stopping never touches anything it did not start).
#
# The sourcing script sets SUITE_ROOT (the repository root) and may set PROG (for messages) and
# SUITE_OWNER ("suite" for bin/suite, "test:<pid>" for one bin/test run).

: "${SUITE_ROOT:?SUITE_ROOT must be set before sourcing bin/lib/common.sh}"
: "${PROG:=suite}"
: "${SUITE_OWNER:=suite}"

RUN_DIR="$SUITE_ROOT/.run"          # gitignored; everything the launcher writes lives here
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
STARTED_DIR="$RUN_DIR/started"      # one file per component the launcher started: its owner
LOOPBACK=127.0.0.1

# ---------------------------------------------------------------------------------------------
# Messages

say() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
# One clear line, no stack trace: the user should know at once what to do.
die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

ensure_run_dirs() {
    mkdir -p "$LOG_DIR" "$PID_DIR" "$STARTED_DIR"
}

# Milliseconds since the epoch, without forking (bash 5).
now_ms() {
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s\n' "$((t / 1000))"
}

# "3.4s" for a duration in milliseconds.
fmt_secs() {
    printf '%d.%ds' "$(($1 / 1000))" "$((($1 % 1000) / 100))"
}

# Show the end of a log file, framed, to explain a failure.
log_tail() {
    local file=$1 lines=${2:-40}
    if [[ -s $file ]]; then
        printf -- '----- last %s lines of %s -----\n' "$lines" "${file#"$SUITE_ROOT"/}" >&2
        tail -n "$lines" "$file" >&2
        printf -- '-----\n' >&2
    else
        printf '(%s is empty or missing)\n' "${file#"$SUITE_ROOT"/}" >&2
    fi
}

# Keep the previous run's log as <file>.1 for a post-mortem; the new run starts a fresh file.
rotate_log() {
    [[ -f $1 ]] && mv -f "$1" "$1.1"
    return 0
}

# ---------------------------------------------------------------------------------------------
# Ports

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$LOOPBACK/$1" 2>/dev/null
}

# "name (pid N)" of the process listening on <port>, or "an unknown process" when ss cannot say.
port_owner() {
    local line pid name
    line=$(ss -ltnpH "( sport = :$1 )" 2>/dev/null | head -n 1) || true
    if [[ $line =~ \(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
        name=${BASH_REMATCH[1]}
        pid=${BASH_REMATCH[2]}
        printf '%s (pid %s)\n' "$name" "$pid"
    else
        printf 'an unknown process\n'
    fi
}

# Pid of the process listening on <port>, or nothing.
port_pid() {
    local line
    line=$(ss -ltnpH "( sport = :$1 )" 2>/dev/null | head -n 1) || true
    [[ $line =~ pid=([0-9]+) ]] && printf '%s\n' "${BASH_REMATCH[1]}"
    return 0
}

# Fail when <port> is taken: called only for components the launcher is about to start itself.
require_port_free() {
    local port=$1 what=$2
    if port_open "$port"; then
        die "port $port is already in use by $(port_owner "$port"), which the suite did not start; $what needs it. Stop that process or free the port."
    fi
}

# ---------------------------------------------------------------------------------------------
# Processes started by the launcher: .run/pids/<name>.pid

pid_file() { printf '%s/%s.pid\n' "$PID_DIR" "$1"; }

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# Pid of <name> if its pid file names a live process whose command line contains <marker>;
# otherwise nothing, and a stale pid file is removed (a reused pid is never mistaken for ours).
running_pid() {
    local name=$1 marker=$2 file pid
    file=$(pid_file "$name")
    [[ -f $file ]] || return 0
    pid=$(<"$file")
    if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
        printf '%s\n' "$pid"
    else
        rm -f "$file"
    fi
}

# Graceful stop of several processes at once: SIGTERM to all, wait up to <timeout> seconds, then
# SIGKILL what is left. Arguments: timeout, then name=pid pairs.
stop_processes() {
    local timeout=$1 pair name pid deadline
    shift
    local -a pending=()
    for pair in "$@"; do
        pid=${pair#*=}
        if pid_alive "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            pending+=("$pair")
        fi
    done
    ((${#pending[@]})) || return 0
    deadline=$(($(now_ms) + timeout * 1000))
    while ((${#pending[@]})) && (($(now_ms) < deadline)); do
        local -a still=()
        for pair in "${pending[@]}"; do
            pid_alive "${pair#*=}" && still+=("$pair")
        done
        pending=("${still[@]}")
        ((${#pending[@]})) && sleep 0.3
    done
    for pair in "${pending[@]}"; do
        name=${pair%%=*}
        pid=${pair#*=}
        warn "$name (pid $pid) did not stop within ${timeout}s after SIGTERM: sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    done
    for pair in "${pending[@]}"; do
        pid=${pair#*=}
        while pid_alive "$pid"; do sleep 0.1; done
    done
}

# The jar a module builds (target/<module>-<version>.jar), or nothing.
module_jar() {
    local jar
    for jar in "$SUITE_ROOT/$1/target/$1"-[0-9]*.jar; do
        [[ -f $jar ]] || continue
        [[ $jar == *-sources.jar || $jar == *-javadoc.jar || $jar == *-tests.jar ]] && continue
        printf '%s\n' "$jar"
        return 0
    done
}

# ---------------------------------------------------------------------------------------------
# Ownership: which launcher started a component (postgres, redis, kafka).

mark_started() {
    ensure_run_dirs
    printf '%s\n' "$SUITE_OWNER" >"$STARTED_DIR/$1"
}

started_owner() {
    [[ -f $STARTED_DIR/$1 ]] && cat "$STARTED_DIR/$1"
    return 0
}

forget_started() { rm -f "$STARTED_DIR/$1"; }

# Makes the current launcher the owner of <component> when another one (a bin/test or bin/benchmark
# run) started it: bin/suite up builds on it, and that run's cleanup would otherwise stop it under
# the suite. Its cleanup then leaves it running, and `bin/suite down` stops it.
take_over_started() {
    local owner
    owner=$(started_owner "$1")
    [[ -n $owner && $owner != "$SUITE_OWNER" ]] || return 0
    mark_started "$1"
    say "$1: taken over from $owner, which started it ('bin/suite down' stops it)"
}

# True when <component> should be stopped by the current launcher: it started it, or (for
# bin/suite) a bin/test run started it and died without cleaning up.
owned_here() {
    local owner
    owner=$(started_owner "$1")
    [[ -n $owner ]] || return 1
    [[ $owner == "$SUITE_OWNER" ]] && return 0
    if [[ $SUITE_OWNER == suite && $owner == test:* ]] && ! pid_alive "${owner#test:}"; then
        return 0
    fi
    return 1
}

# ---------------------------------------------------------------------------------------------
# One launcher at a time changes things (bin/suite up/down/scale, bin/test's start and cleanup).
# The lock is fd 9. Every long-lived process the launcher starts gets `9>&-`: a child that
# inherited fd 9 would hold the lock for as long as it runs.

acquire_lock() {
    ensure_run_dirs
    command -v flock >/dev/null || return 0
    exec 9>"$RUN_DIR/launcher.lock"
    if ! flock -n 9; then
        say "waiting for another bin/suite or bin/test to finish starting or stopping..."
        flock -w 600 9 || die "another launcher holds $RUN_DIR/launcher.lock for over 10 minutes"
    fi
}

release_lock() {
    command -v flock >/dev/null || return 0
    { flock -u 9; } 2>/dev/null || true
}
