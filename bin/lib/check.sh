# shellcheck shell=bash
# Shared by the ops checks (bin/check-dashboards, bin/check-scaling): timed notes, bin/suite
# commands with their output in a log, and leaving the suite as the check found it: a suite that
# was up stays up with its consumer count as it was, one the check started is stopped.
#
# The sourcing script sources common.sh, kafka.sh and services.sh first, then sets CHECK_DIR (this
# run's logs, under .run/<check>/$RUN_ID) and, when it starts, CHECK_STARTED (now_ms).

SUITE="$SUITE_ROOT/bin/suite"
# shellcheck disable=SC2034 # names the sourcing script's CHECK_DIR and its reports
RUN_ID=$(date +%s)
WAS_UP=0
SUITE_STARTED=0
ORIGINAL_CONSUMERS=1

elapsed() { fmt_secs $(($(now_ms) - CHECK_STARTED)); }

# "[12.3s] message"
note() { printf '[%7s] %s\n' "$(elapsed)" "$*"; }

# Indents a tool's output under the notes.
indented() { sed 's/^/           /'; }

# The suite counts as up when any of its services or its Kafka runs: then it was not this check's
# to start, and it is not this check's to stop.
suite_running() {
    [[ -n $(kafka_pid) ]] && return 0
    local name _
    while read -r name _; do
        [[ -n $(instance_pid "$name") ]] && return 0
    done < <(instances_for_display)
    return 1
}

# Runs a bin/suite command with its output in a log; shows the log's tail when it fails.
suite_cmd() {
    local log=$1
    shift
    "$SUITE" "$@" >"$log" 2>&1 || {
        log_tail "$log" 30
        die "bin/suite $* failed (log: ${log#"$SUITE_ROOT"/})"
    }
}

# bin/suite up, remembering whether the suite already was and with how many consumers.
bring_up_suite() {
    suite_running && WAS_UP=1
    ORIGINAL_CONSUMERS=$(consumer_count)
    note "bin/suite up$( ((WAS_UP)) && printf ' (already running: it will be left up)')"
    SUITE_STARTED=1
    suite_cmd "$CHECK_DIR/suite-up.log" up
    note "  suite up"
}

# For the exit trap: the consumer count back as it was on a suite that was up (first stopping
# every consumer when <restart> is 1, for instances started with other settings); otherwise down,
# if this check brought it up.
restore_suite() {
    local restart=${1:-0}
    if ((WAS_UP)); then
        note "the suite was up before the check: $CONSUMER back to $ORIGINAL_CONSUMERS instance(s)"
        if ((restart)); then
            "$SUITE" scale "$CONSUMER=0" >"$CHECK_DIR/scale-back.log" 2>&1 || true
        fi
        "$SUITE" scale "$CONSUMER=$ORIGINAL_CONSUMERS" >>"$CHECK_DIR/scale-back.log" 2>&1 ||
            warn "scaling back failed; see ${CHECK_DIR#"$SUITE_ROOT"/}/scale-back.log"
    elif ((SUITE_STARTED)); then
        note "stopping the suite (bin/suite down)"
        # Leave the consumer count as it was for the next 'bin/suite up', then stop everything.
        { "$SUITE" scale "$CONSUMER=$ORIGINAL_CONSUMERS" && "$SUITE" down; } >"$CHECK_DIR/suite-down.log" 2>&1 ||
            warn "bin/suite down failed; see ${CHECK_DIR#"$SUITE_ROOT"/}/suite-down.log"
    fi
}
