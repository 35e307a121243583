# shellcheck shell=bash
# The local-suite classpath (Kafka broker and tools, logging binding, provisioners), the
# single-node KRaft broker under .run/kafka/, and provisioning of databases and topics.

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KAFKA_BOOTSTRAP="$LOOPBACK:$KAFKA_PORT"
KAFKA_DIR="$RUN_DIR/kafka"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_LOG="$LOG_DIR/kafka.log"              # the broker's own log (log4j2, config/kafka-log4j2.xml)
KAFKA_OUT="$LOG_DIR/kafka.out"              # its stdout/stderr: JVM errors only
# A broker needs more than a service, but not much on a development box.
: "${SUITE_KAFKA_JAVA_OPTS:=-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError}"
: "${SUITE_KAFKA_TIMEOUT:=90}"
: "${SUITE_KAFKA_AUTO_CREATE:=true}"

LOCAL_SUITE_DIR="$RUN_DIR/local-suite"
LOCAL_SUITE_ARGS="$LOCAL_SUITE_DIR/classpath.args"   # a java @argfile: -cp "<jar>:<deps>"
LOCAL_SUITE_KEY="$LOCAL_SUITE_DIR/classpath.key"
# Small, short-lived JVMs for the provisioners and tools.
TOOL_JAVA_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

# ---------------------------------------------------------------------------------------------
# Classpath, resolved once and cached; resolved again when a pom or the provisioners' sources
# (or the topic catalog they read) change.

local_suite_fingerprint() {
    (
        cd "$SUITE_ROOT" &&
            find pom.xml local-suite/pom.xml local-suite/src/main local-suite/config \
                common-events/pom.xml common-events/src/main -type f -print0 2>/dev/null |
            sort -z | xargs -0 sha256sum
    ) | sha256sum | cut -c1-16
}

local_suite_classpath_fresh() {
    [[ -f $LOCAL_SUITE_ARGS && -f $LOCAL_SUITE_KEY && -f $LOCAL_SUITE_DIR/deps.classpath ]] || return 1
    [[ $(<"$LOCAL_SUITE_KEY") == "$(local_suite_fingerprint)" ]] || return 1
    # A cleaned ~/.m2 makes a cached classpath useless.
    local jar
    local -a jars
    IFS=: read -r -a jars <"$LOCAL_SUITE_DIR/deps.classpath"
    for jar in "${jars[@]}"; do
        [[ -f $jar ]] || return 1
    done
    [[ -f $LOCAL_SUITE_DIR/local-suite.jar ]]
}

ensure_local_suite_classpath() {
    ensure_run_dirs
    mkdir -p "$LOCAL_SUITE_DIR"
    local_suite_classpath_fresh && return 0
    local started
    started=$(now_ms)
    step "resolving the local-suite classpath (Kafka, tools, provisioners); the first run downloads ~100 jars"
    mvnw -B -q -pl local-suite -am install -DskipTests ||
        die "building local-suite failed (output above)"
    mvnw -B -q -pl local-suite dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile="$LOCAL_SUITE_DIR/deps.classpath" ||
        die "resolving the local-suite classpath failed (output above)"
    local built
    built=$(module_jar local-suite)
    [[ -n $built ]] || die "local-suite/target has no jar after the build"
    # A copy, so a later 'mvn clean' does not pull the jar from under a running broker or tool.
    cp "$built" "$LOCAL_SUITE_DIR/local-suite.jar.tmp" && mv -f "$LOCAL_SUITE_DIR/local-suite.jar.tmp" "$LOCAL_SUITE_DIR/local-suite.jar"
    printf -- '-cp "%s:%s"\n' "$LOCAL_SUITE_DIR/local-suite.jar" "$(<"$LOCAL_SUITE_DIR/deps.classpath")" >"$LOCAL_SUITE_ARGS"
    local_suite_fingerprint >"$LOCAL_SUITE_KEY"
    say "local-suite: classpath ready in $(fmt_secs $(($(now_ms) - started)))"
}

# Runs a main class from the local-suite classpath.
local_suite_java() {
    "$JAVA" "${TOOL_JAVA_OPTS[@]}" "@$LOCAL_SUITE_ARGS" "$@"
}

provision_databases() {
    step "provisioning databases (roles, <name> and <name>_test for each service)"
    local_suite_java com.commercesuite.localsuite.DatabaseProvisioner | sed 's/^/    /' ||
        die "database provisioning failed"
}

provision_topics() {
    step "provisioning topics from the catalog (and their .DLT topics)"
    local_suite_java com.commercesuite.localsuite.TopicProvisioner "$KAFKA_BOOTSTRAP" | sed 's/^/    /' ||
        die "topic provisioning failed"
}

# ---------------------------------------------------------------------------------------------
# Broker

kafka_pid() { running_pid kafka "$KAFKA_PROPS"; }

kafka_ready() {
    port_open "$KAFKA_PORT" || return 1
    # Port open is not enough: the broker accepts connections before it has a controller and
    # metadata. This line is logged once it is fully started.
    grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null
}

write_kafka_properties() {
    mkdir -p "$KAFKA_DIR/data"
    sed -e "s#@HOST@#$LOOPBACK#g" \
        -e "s#@PORT@#$KAFKA_PORT#g" \
        -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
        -e "s#@LOG_DIRS@#$KAFKA_DIR/data#g" \
        -e "s#@AUTO_CREATE@#$SUITE_KAFKA_AUTO_CREATE#g" \
        "$SUITE_ROOT/local-suite/config/kafka-server.properties" >"$KAFKA_PROPS"
}

# 22 characters of URL-safe base64 of 16 random bytes: the form Kafka's Uuid takes.
new_cluster_id() {
    head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

format_kafka_storage() {
    [[ -f $KAFKA_DIR/data/meta.properties ]] && return 0
    [[ -s $KAFKA_DIR/cluster.id ]] || new_cluster_id >"$KAFKA_DIR/cluster.id"
    say "kafka: formatting storage in ${KAFKA_DIR#"$SUITE_ROOT"/}/data"
    local_suite_java kafka.tools.StorageTool format --standalone -t "$(<"$KAFKA_DIR/cluster.id")" \
        -c "$KAFKA_PROPS" --ignore-formatted >"$LOG_DIR/kafka-format.log" 2>&1 ||
        { log_tail "$LOG_DIR/kafka-format.log"; die "formatting Kafka storage failed"; }
}

ensure_kafka() {
    ensure_run_dirs
    local pid
    pid=$(kafka_pid)
    if [[ -n $pid ]]; then
        if kafka_ready; then
            say "kafka: already running (pid $pid) on $KAFKA_BOOTSTRAP"
            return 0
        fi
        wait_kafka_ready "$pid" "$(now_ms)"
        return 0
    fi
    require_port_free "$KAFKA_PORT" "Kafka"
    require_port_free "$KAFKA_CONTROLLER_PORT" "Kafka's controller"
    write_kafka_properties
    format_kafka_storage
    rotate_log "$KAFKA_LOG"
    rotate_log "$KAFKA_OUT"
    local started
    started=$(now_ms)
    # shellcheck disable=SC2086 # the options string is meant to split into words
    nohup "$JAVA" $SUITE_KAFKA_JAVA_OPTS -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$SUITE_ROOT/local-suite/config/kafka-log4j2.xml" \
        -Dsuite.kafka.log="$KAFKA_LOG" \
        "@$LOCAL_SUITE_ARGS" kafka.Kafka "$KAFKA_PROPS" >"$KAFKA_OUT" 2>&1 </dev/null 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$(pid_file kafka)"
    mark_started kafka
    wait_kafka_ready "$pid" "$started"
}

wait_kafka_ready() {
    local pid=$1 started=$2 deadline
    deadline=$((started + SUITE_KAFKA_TIMEOUT * 1000))
    printf 'kafka: waiting for the broker on %s (pid %s) ' "$KAFKA_BOOTSTRAP" "$pid"
    until kafka_ready; do
        if ! pid_alive "$pid"; then
            printf ' died\n'
            log_tail "$KAFKA_LOG"
            log_tail "$KAFKA_OUT" 20
            die "Kafka exited during startup"
        fi
        if (($(now_ms) > deadline)); then
            printf ' timed out\n'
            log_tail "$KAFKA_LOG"
            die "Kafka was not ready within ${SUITE_KAFKA_TIMEOUT}s (it is left running as pid $pid; 'bin/suite down' stops it)"
        fi
        printf '.'
        sleep 0.5
    done
    printf ' ready in %s\n' "$(fmt_secs $(($(now_ms) - started)))"
}

stop_kafka() {
    local pid
    pid=$(kafka_pid)
    if [[ -n $pid ]]; then
        step "stopping Kafka (pid $pid)"
        # A single-node controlled shutdown takes a few seconds; data under .run/kafka is kept.
        stop_processes 45 "kafka=$pid"
    fi
    rm -f "$(pid_file kafka)"
    forget_started kafka
}

# ---------------------------------------------------------------------------------------------
# Everything the services and the integration tests expect on loopback.

ensure_infra() {
    ensure_run_dirs
    ensure_postgres
    ensure_redis
    ensure_local_suite_classpath
    provision_databases
    ensure_kafka
    provision_topics
}

# Stops the infrastructure the current launcher (SUITE_OWNER) started, and nothing else.
stop_owned_infra() {
    if owned_here kafka; then
        stop_kafka
    elif [[ -n $(started_owner kafka) ]]; then
        say "kafka: left running (started by $(started_owner kafka))"
    fi
    owned_here redis && stop_redis
    owned_here postgres && stop_postgres
    return 0
}
