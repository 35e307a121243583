# shellcheck shell=bash
# The suite's Spring Boot services: build, start, health, stop, scale, and the status table.
#
# An "instance" is one process: its name (also its log and pid file name), its Maven module, its
# port and, for a service that scales (the consumers), its index. Modules that do not exist yet are skipped
# with a warning, so the launcher works while the services are still being written.

# name:port, in start order; the gateway last because it routes to the others, then the lag
# exporter, which reads every consumer group from the broker (docs/consumer-lag.md).
SERVICES=(product-service:8101 balance-service:8102 coupon-service:8103 order-service:8104)
# The stand-in for the outside message provider the notification consumer calls; it consumes nothing.
PROVIDER_STUB=notification-provider-stub:8105
GATEWAY=gateway:8080
LAG_EXPORTER=consumer-lag-exporter:8090
# The services that run as N instances (`bin/suite scale NAME=N`), name:base port: instance i
# listens on base + i - 1. The data platform's consumers share partitions in a consumer group, so
# more of them than partitions idle; the notification consumers share records in a share group.
SCALABLE=(data-platform-consumer:8110 notification-consumer:8120)
CONSUMER=data-platform-consumer
CONSUMER_BASE_PORT=8110
CONSUMER_MAX=10
SCALE_DIR="$RUN_DIR/scale"
JAR_DIR="$RUN_DIR/jars"

# Modest JVMs: up to ten of them share two cores with Kafka and PostgreSQL. The full JIT, started
# from an ahead-of-time cache (JDK 25+, made once per build, see aot_app): measured, seven JVMs
# start in 26 s that way against 47 s on C1 alone and 65 s on the full JIT without the cache, and
# the full JIT serves about twice the requests per second of C1 (docs/benchmarks.md, "The JVM").
# Without a cache (an older JDK, SUITE_AOT=0, a failed training run) C1 alone keeps the start short.
: "${SUITE_SERVICE_JAVA_OPTS:=-Xms64m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError}"
: "${SUITE_NO_AOT_JAVA_OPTS:=-XX:TieredStopAtLevel=1}"
: "${SUITE_AOT:=1}"
AOT_DIR="$RUN_DIR/aot"
: "${SUITE_HEALTH_TIMEOUT:=300}"
: "${SUITE_STOP_TIMEOUT:=30}"

# ---------------------------------------------------------------------------------------------
# Catalog

# The base port of a scalable service; fails for any other name.
scalable_base_port() {
    local entry
    for entry in "${SCALABLE[@]}"; do
        [[ ${entry%%:*} == "$1" ]] && { printf '%s\n' "${entry##*:}"; return 0; }
    done
    return 1
}

# How many instances of a scalable service (the data platform's consumer when none is named) `up`
# runs: what `scale` last set, else SUITE_CONSUMERS (data platform) or SUITE_NOTIFICATION_CONSUMERS,
# else 1.
instance_count() {
    local service=${1:-$CONSUMER}
    if [[ -f $SCALE_DIR/$service ]]; then
        cat "$SCALE_DIR/$service"
    elif [[ $service == "$CONSUMER" ]]; then
        printf '%s\n' "${SUITE_CONSUMERS:-1}"
    else
        printf '%s\n' "${SUITE_NOTIFICATION_CONSUMERS:-1}"
    fi
}

consumer_count() { instance_count "$CONSUMER"; }

# "name module port index" per instance, in start order: each scalable service with as many
# instances as instance_count says, unless a NAME=N argument says otherwise.
instances() {
    local entry service count spec i
    for entry in "${SERVICES[@]}" "$PROVIDER_STUB"; do
        printf '%s %s %s 0\n' "${entry%%:*}" "${entry%%:*}" "${entry##*:}"
    done
    for entry in "${SCALABLE[@]}"; do
        service=${entry%%:*}
        count=$(instance_count "$service")
        for spec in "$@"; do
            [[ $spec == "$service="* ]] && count=${spec#*=}
        done
        for ((i = 1; i <= count; i++)); do
            printf '%s-%d %s %d %d\n' "$service" "$i" "$service" "$((${entry##*:} + i - 1))" "$i"
        done
    done
    printf '%s %s %s 0\n' "${GATEWAY%%:*}" "${GATEWAY%%:*}" "${GATEWAY##*:}"
    printf '%s %s %s 0\n' "${LAG_EXPORTER%%:*}" "${LAG_EXPORTER%%:*}" "${LAG_EXPORTER##*:}"
}

# Indexes of a scalable service's instances (the data platform's consumer when none is named) that
# have a pid file (running or not), ascending.
consumer_indexes_with_pid_files() {
    local service=${1:-$CONSUMER} f
    for f in "$PID_DIR/$service"-*.pid; do
        [[ -e $f ]] || continue
        f=${f##*-}
        [[ $f =~ ^[0-9]+\.pid$ ]] || continue
        printf '%s\n' "${f%.pid}"
    done | sort -n
}

# Every instance worth showing: the configured ones plus any instance of a scalable service still running.
instances_for_display() {
    local entry service wanted highest
    local -a counts=()
    for entry in "${SCALABLE[@]}"; do
        service=${entry%%:*}
        wanted=$(instance_count "$service")
        highest=$(consumer_indexes_with_pid_files "$service" | tail -n 1)
        ((${highest:-0} > wanted)) && wanted=$highest
        counts+=("$service=$wanted")
    done
    instances "${counts[@]}"
}

module_present() { [[ -f $SUITE_ROOT/$1/pom.xml ]]; }

# A jar is stale when any pom or main source in the repository is newer: a service depends on
# common-events, outbox and whatever else the reactor builds; not on the modules that only run
# tools, tests and benchmarks.
module_jar_stale() {
    local jar
    jar=$(module_jar "$1")
    [[ -n $jar ]] || return 0
    [[ -n $(find "$SUITE_ROOT" \( -path "$SUITE_ROOT/.git" -o -path "$SUITE_ROOT/.run" -o -name target \
        -o -path "$SUITE_ROOT/local-suite" -o -path "$SUITE_ROOT/benchmarks" -o -path "$SUITE_ROOT/system-tests" \
        -o -path "$SUITE_ROOT/contract-tests" -o -path "$SUITE_ROOT/deployment-tests" \) -prune -o \
        \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit 2>/dev/null) ]]
}

instance_pid() { running_pid "$1" "$JAR_DIR/$1.jar"; }

# UP, DOWN, or nothing when /actuator/health does not answer.
health_of_port() {
    local body
    if command -v curl >/dev/null; then
        body=$(curl -s -m 3 "http://$LOOPBACK:$1/actuator/health" 2>/dev/null) || true
    else
        body=$(timeout 3 bash -c "exec 3<>/dev/tcp/$LOOPBACK/$1 && printf 'GET /actuator/health HTTP/1.0\r\nHost: $LOOPBACK\r\n\r\n' >&3 && cat <&3" 2>/dev/null) || true
    fi
    [[ -n $body ]] || return 0
    # The overall status is UP only when no component reports DOWN or OUT_OF_SERVICE.
    if [[ $body == *'"status":"UP"'* && $body != *'"status":"DOWN"'* && $body != *'"status":"OUT_OF_SERVICE"'* ]]; then
        printf 'UP\n'
    else
        printf 'DOWN\n'
    fi
}

# ---------------------------------------------------------------------------------------------
# Build and start

# Builds the modules of the given instances ("name module port index" arguments) when a jar is
# missing or older than the sources.
build_services_if_needed() {
    local -a modules=() needed=()
    local line name module port index m
    for line in "$@"; do
        read -r name module port index <<<"$line"
        [[ " ${modules[*]} " == *" $module "* ]] || modules+=("$module")
    done
    for m in "${modules[@]}"; do
        module_jar_stale "$m" && needed+=("$m")
    done
    ((${#needed[@]})) || return 0
    local started list
    started=$(now_ms)
    list=$(IFS=,; printf '%s' "${modules[*]}")
    step "building ${list} (jar missing or older than the sources)"
    # -pl/-am: only what the services need, so a module elsewhere that does not compile yet does
    # not block the suite.
    mvnw -B -q -DskipTests package -pl "$list" -am ||
        die "the build failed (output above); fix it and run again"
    say "build done in $(fmt_secs $(($(now_ms) - started)))"
}

# aot_app <module> <jar> <env...>: prints the directory that holds the module's jar extracted
# (app/) and its ahead-of-time cache (app.aot), making both the first time this build of the jar
# starts: `-Djarmode=tools extract` (the cache needs plain jars on the class path), then one training
# run that stops once the application context is refreshed (listeners and the outbox relay off, so
# it touches no topic). The directory is named by the jar's mtime and size, so a rebuild gets a new
# one while running instances keep theirs. Prints nothing when no cache can be had.
aot_app() {
    local module=$1 jar=$2 dir old name
    shift 2
    ((SUITE_AOT == 1 && ${JAVA_MAJOR:-0} >= 25)) || return 0
    dir="$AOT_DIR/$module-$(stat -c '%Y-%s' "$jar")"
    if [[ ! -s $dir/app.aot ]]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        name=$(basename "$jar")
        say "$module: making its AOT cache (once per build: extract, then a training run of about 15 s)" >&2
        # shellcheck disable=SC2086 # the options string is meant to split into words
        if ! "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1 ||
            ! env "$@" SERVER_PORT=0 LOGGING_FILE_NAME= LOGGING_THRESHOLD_CONSOLE=TRACE "$JAVA" $SUITE_SERVICE_JAVA_OPTS -XX:AOTCacheOutput="$dir/app.aot" \
                -Dspring.context.exit=onRefresh -jar "$dir/app/$name" \
                --spring.kafka.listener.auto-startup=false --commerce.outbox.relay.enabled=false \
                >"$dir/training.log" 2>&1 </dev/null 9>&- ||
            [[ ! -s $dir/app.aot ]]; then
            warn "$module: no AOT cache (see ${dir#"$SUITE_ROOT"/}/training.log); starting it on C1 from its jar" >&2
            rm -f "$dir/app.aot"
            return 0
        fi
    fi
    # Earlier builds' caches, unless an instance still runs from one.
    for old in "$AOT_DIR/$module"-*; do
        [[ $old == "$dir" || ! -d $old ]] && continue
        pgrep -f -- "$old/" >/dev/null || rm -rf "$old"
    done
    printf '%s\n' "$dir"
}

start_instance() {
    local name=$1 module=$2 port=$3 index=$4 jar pid aot
    jar=$(module_jar "$module")
    [[ -n $jar ]] || { warn "$name: $module has no jar in target/ after the build; skipped"; return 1; }
    mkdir -p "$JAR_DIR"
    # Run a private copy: a later build (bin/test, an IDE) rewrites target/*.jar, which would break
    # a JVM still reading classes from it. Rename is atomic; a running instance keeps its old file.
    cp "$jar" "$JAR_DIR/$name.jar.tmp" && mv -f "$JAR_DIR/$name.jar.tmp" "$JAR_DIR/$name.jar"
    rotate_log "$LOG_DIR/$name.log"
    rotate_log "$LOG_DIR/$name.out"
    # Locally everything listens on loopback only; the gateway on 8080 is the way in.
    local -a env_vars=("SERVER_PORT=$port" "SERVER_ADDRESS=$LOOPBACK")
    # The service writes its own log, rolled at 20 MB and never more than 100 MB in all (an outage
    # can make any client chatty); stdout keeps only what comes before logging starts.
    env_vars+=("LOGGING_FILE_NAME=$LOG_DIR/$name.log" 'LOGGING_PATTERN_FILE=${logging.pattern.console}'
        LOGGING_THRESHOLD_CONSOLE=OFF LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE=20MB
        LOGGING_LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP=100MB)
    ((index > 0)) && env_vars+=("INSTANCE_ID=$index")
    # On a secured cluster (`bin/suite up --secured`) the instance logs in as its module's Kafka user.
    local -a kafka_env=()
    mapfile -t kafka_env < <(kafka_client_env "$module")
    env_vars+=("${kafka_env[@]}")
    if [[ $name == "${GATEWAY%%:*}" ]]; then
        # The gateway has no default JWT secret: it gets the one `bin/suite token` signs with, and
        # checks the issuer and audience that command puts in its tokens.
        declare -F gateway_jwt_secret >/dev/null || source "$SUITE_ROOT/bin/lib/token.sh"
        env_vars+=("GATEWAY_JWT_SECRET=$(gateway_jwt_secret)" "GATEWAY_JWT_ISSUER=$GATEWAY_JWT_ISSUER"
            "GATEWAY_JWT_AUDIENCE=$GATEWAY_JWT_AUDIENCE")
    fi
    # shellcheck disable=SC2206 # the options strings are meant to split into words
    local -a launch=($SUITE_SERVICE_JAVA_OPTS $SUITE_NO_AOT_JAVA_OPTS -jar "$JAR_DIR/$name.jar")
    aot=$(aot_app "$module" "$jar" "${env_vars[@]}")
    if [[ -n ${SUITE_SERVICE_LOADER_PATH:-} ]]; then
        # Extra classes beside the service's own (a demo's, e.g. the benchmarks' per-record cost), put
        # on the jar's class path by Boot's PropertiesLauncher and named by SUITE_SERVICE_ARGS.
        # shellcheck disable=SC2206
        launch=($SUITE_SERVICE_JAVA_OPTS $SUITE_NO_AOT_JAVA_OPTS -Dloader.path="$SUITE_SERVICE_LOADER_PATH"
            -Dsuite.instance="$JAR_DIR/$name.jar" -cp "$JAR_DIR/$name.jar"
            org.springframework.boot.loader.launch.PropertiesLauncher ${SUITE_SERVICE_ARGS:-})
    elif [[ -n $aot ]]; then
        # -Dsuite.instance names the instance's jar copy in the command line, which is how
        # instance_pid recognises the process.
        # shellcheck disable=SC2206
        launch=($SUITE_SERVICE_JAVA_OPTS -XX:AOTCache="$aot/app.aot" -Dsuite.instance="$JAR_DIR/$name.jar"
            -jar "$aot/app/$(basename "$jar")")
    fi
    env "${env_vars[@]}" nohup "$JAVA" "${launch[@]}" >"$LOG_DIR/$name.out" 2>&1 </dev/null 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$(pid_file "$name")"
    say "$name: started (pid $pid, port $port, log .run/logs/$name.log)"
}

# Set to 1 when an instance exits during startup or is not UP in time. A flag rather than a
# return code, so callers stay under `set -e` (bash turns it off inside `f || ...`).
HEALTH_FAILED=0

# Waits until every named instance answers UP. Arguments: name=port pairs. Prints the log tail of
# each one that exits or times out.
wait_healthy() {
    local started deadline pair name port pid health last_note=0 now
    started=$(now_ms)
    deadline=$((started + SUITE_HEALTH_TIMEOUT * 1000))
    local -a pending=("$@")
    ((${#pending[@]})) || return 0
    say "waiting for /actuator/health of ${#pending[@]} service(s), up to ${SUITE_HEALTH_TIMEOUT}s"
    while ((${#pending[@]})); do
        local -a still=()
        for pair in "${pending[@]}"; do
            name=${pair%%=*}
            port=${pair#*=}
            pid=$(instance_pid "$name")
            health=$(health_of_port "$port")
            if [[ $health == UP ]]; then
                say "  $name UP after $(fmt_secs $(($(now_ms) - started)))"
            elif [[ -z $pid ]]; then
                say "  $name EXITED during startup"
                log_tail "$LOG_DIR/$name.log"
                log_tail "$LOG_DIR/$name.out" 20
                HEALTH_FAILED=1
            else
                still+=("$pair")
            fi
        done
        pending=("${still[@]}")
        ((${#pending[@]})) || break
        now=$(now_ms)
        if ((now > deadline)); then
            for pair in "${pending[@]}"; do
                name=${pair%%=*}
                say "  $name not UP after ${SUITE_HEALTH_TIMEOUT}s (still running; see its log)"
                log_tail "$LOG_DIR/$name.log"
            done
            HEALTH_FAILED=1
            return 0
        fi
        if ((now - last_note >= 5000)); then
            local names=""
            for pair in "${pending[@]}"; do names+=" ${pair%%=*}"; done
            say "  [$(fmt_secs $((now - started)))] waiting for:$names"
            last_note=$now
        fi
        sleep 1
    done
}

# Starts every given instance ("name module port index" arguments) that is not running, skipping
# absent modules, then waits for all of them to be UP.
start_instances() {
    local -a to_start=() waits=()
    local line name module port index pid
    for line in "$@"; do
        read -r name module port index <<<"$line"
        if ! module_present "$module"; then
            warn "skipping $name: module $module/ does not exist yet"
            continue
        fi
        pid=$(instance_pid "$name")
        if [[ -n $pid ]]; then
            say "$name: already running (pid $pid)"
            waits+=("$name=$port")
            continue
        fi
        # Check every port before starting anything, so a conflict fails fast and clean.
        require_port_free "$port" "$name"
        to_start+=("$line")
    done
    if ((${#to_start[@]})); then
        build_services_if_needed "${to_start[@]}"
        for line in "${to_start[@]}"; do
            read -r name module port index <<<"$line"
            if start_instance "$name" "$module" "$port" "$index"; then
                waits+=("$name=$port")
            else
                HEALTH_FAILED=1
            fi
        done
    fi
    wait_healthy "${waits[@]}"
}

# ---------------------------------------------------------------------------------------------
# Stop

# Stops the given instance names gracefully, all at once.
stop_instances() {
    local name pid
    local -a pairs=()
    for name in "$@"; do
        pid=$(instance_pid "$name")
        [[ -n $pid ]] && pairs+=("$name=$pid")
    done
    if ((${#pairs[@]})); then
        local names=""
        for name in "${pairs[@]}"; do names+=" ${name%%=*}"; done
        step "stopping:$names"
        stop_processes "$SUITE_STOP_TIMEOUT" "${pairs[@]}"
    fi
    for name in "$@"; do rm -f "$(pid_file "$name")"; done
}

# Every service instance, gateway and lag exporter first (the one routes to the others, the other
# only watches them), consumers highest index first.
stop_all_services() {
    local -a names=() consumers=()
    local i entry
    names+=("${GATEWAY%%:*}" "${LAG_EXPORTER%%:*}")
    for entry in "${SCALABLE[@]}"; do
        while read -r i; do consumers=("${entry%%:*}-$i" "${consumers[@]}"); done < <(consumer_indexes_with_pid_files "${entry%%:*}")
    done
    stop_instances "${names[@]}" "${consumers[@]}"
    names=()
    for i in "${SERVICES[@]}" "$PROVIDER_STUB"; do names+=("${i%%:*}"); done
    stop_instances "${names[@]}"
}

# ---------------------------------------------------------------------------------------------
# Scale

# scale_service <name> <count>: runs exactly <count> instances of a scalable service.
scale_service() {
    local service=$1 target=$2 i
    scalable_base_port "$service" >/dev/null || die "scale: $service does not scale (what does: ${SCALABLE[*]%%:*})"
    if ! [[ $target =~ ^[0-9]+$ ]] || ((target > CONSUMER_MAX)); then
        die "scale: the count must be a number from 0 to $CONSUMER_MAX, not '$target'"
    fi
    mkdir -p "$SCALE_DIR"
    printf '%s\n' "$target" >"$SCALE_DIR/$service"
    # Stop from the highest index down, one at a time so partitions move over gradually.
    local -a indexes=()
    mapfile -t indexes < <(consumer_indexes_with_pid_files "$service" | sort -rn)
    for i in "${indexes[@]}"; do
        ((i > target)) && stop_instances "$service-$i"
    done
    ((target > 0)) || return 0
    module_present "$service" || { warn "module $service/ does not exist yet: nothing to start (the count $target is kept for 'up')"; return 0; }
    local -a lines=()
    mapfile -t lines < <(instances "$service=$target" | grep "^$service-[0-9]")
    start_instances "${lines[@]}"
}

scale_consumers() { scale_service "$CONSUMER" "$1"; }

# ---------------------------------------------------------------------------------------------
# Status table

print_table_header() {
    printf '\n%-26s %-32s %-6s %-8s %s\n' NAME URL PORT PID STATUS
}

print_row() {
    printf '%-26s %-32s %-6s %-8s %s\n' "$1" "$2" "$3" "${4:--}" "$5"
}

print_infra_rows() {
    local status pid owner
    if postgres_ready; then status=UP; else status=DOWN; fi
    owner=$(started_owner postgres)
    print_row postgres "postgresql://$LOOPBACK:$PG_PORT" "$PG_PORT" "$(port_pid "$PG_PORT")" "$status${owner:+ (started by $owner)}"
    if redis_ready; then status=UP; else status=DOWN; fi
    owner=$(started_owner redis)
    print_row redis "redis://$LOOPBACK:$REDIS_PORT" "$REDIS_PORT" "$(port_pid "$REDIS_PORT")" "$status${owner:+ (started by $owner)}"
    local node port
    owner=$(started_owner kafka)
    for node in "${KAFKA_NODES[@]}"; do
        port=$(kafka_port "$node")
        pid=$(kafka_node_pid "$node")
        if [[ -n $pid ]] && kafka_node_ready "$node"; then
            status=UP
        elif [[ -n $pid ]]; then
            status=STARTING
        elif port_open "$port"; then
            status="UP (not started by the suite: $(port_owner "$port"))"
        else
            status=STOPPED
        fi
        [[ -n $pid && $owner == test:* ]] && status+=" (started by $owner)"
        print_row "kafka-$node" "kafka://$LOOPBACK:$port" "$port" "$pid" "$status"
    done
}

print_service_rows() {
    local name module port index pid status
    while read -r name module port index; do
        pid=$(instance_pid "$name")
        if ! module_present "$module"; then
            status="ABSENT (no module $module/)"
        elif [[ -n $pid ]]; then
            status=$(health_of_port "$port")
            status=${status:-STARTING}
        elif [[ -z $(module_jar "$module") ]]; then
            status="STOPPED (not built)"
        else
            status=STOPPED
        fi
        print_row "$name" "http://$LOOPBACK:$port" "$port" "$pid" "$status"
    done < <(instances_for_display)
}
