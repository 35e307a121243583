# shellcheck shell=bash
# The local-suite classpath (Kafka broker and tools, logging binding, provisioners), the
# local KRaft brokers under .run/kafka/, and provisioning of databases and topics.

# A broker needs more than a service, but not much on a development box. Serial GC, not Kafka's G1:
# three nodes with small heaps on two shared cores, where G1's collector and refinement threads cost
# the nodes 61 ms/s against Serial's 20 under a flow of records, for the same acknowledgement
# latency (docs/benchmarks.md, "The brokers' JVM"). Brokers on hosts of their own keep G1.
: "${SUITE_KAFKA_JAVA_OPTS:=-Xms256m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
: "${SUITE_KAFKA_TIMEOUT:=90}"
: "${SUITE_KAFKA_AUTO_CREATE:=true}"
: "${SUITE_KAFKA_BROKERS:=3}"
# 1 (`bin/suite up --secured`): the nodes authenticate and authorise as in docker-compose.yml and k8s/.
: "${SUITE_KAFKA_SECURED:=0}"

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
    [[ -f $LOCAL_SUITE_DIR/local-suite.jar ]] && compgen -G "$LOCAL_SUITE_DIR/agents/jmx_prometheus_javaagent-*.jar" >/dev/null
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
    mvnw -B -q -pl local-suite dependency:copy-dependencies -DincludeScope=provided \
        -DincludeArtifactIds=jmx_prometheus_javaagent -DoutputDirectory="$LOCAL_SUITE_DIR/agents" ||
        die "fetching the Prometheus JMX exporter agent failed (output above)"
    local built
    built=$(module_jar local-suite)
    [[ -n $built ]] || die "local-suite/target has no jar after the build"
    # A copy, so a later 'mvn clean' does not pull the jar from under a running broker or tool.
    cp "$built" "$LOCAL_SUITE_DIR/local-suite.jar.tmp" && mv -f "$LOCAL_SUITE_DIR/local-suite.jar.tmp" "$LOCAL_SUITE_DIR/local-suite.jar"
    printf -- '-cp "%s:%s"\n' "$LOCAL_SUITE_DIR/local-suite.jar" "$(<"$LOCAL_SUITE_DIR/deps.classpath")" >"$LOCAL_SUITE_ARGS"
    local_suite_fingerprint >"$LOCAL_SUITE_KEY"
    say "local-suite: classpath ready in $(fmt_secs $(($(now_ms) - started)))"
}

# Runs a main class from the local-suite classpath. On a secured cluster the suite's own tools log in
# as admin (KafkaAccessProvisioner#toolSettings reads SUITE_KAFKA_ADMIN_PASSWORD).
local_suite_java() {
    local -a admin=()
    [[ ${KAFKA_SECURED:-0} == 1 ]] && admin=("SUITE_KAFKA_ADMIN_PASSWORD=$(kafka_user_password admin)")
    env "${admin[@]}" "$JAVA" "${TOOL_JAVA_OPTS[@]}" "@$LOCAL_SUITE_ARGS" "$@"
}

provision_databases() {
    step "provisioning databases (roles, <name> and <name>_test for each service)"
    local_suite_java com.commercesuite.localsuite.DatabaseProvisioner | sed 's/^/    /' ||
        die "database provisioning failed"
}

provision_topics() {
    step "provisioning topics from the catalog (and their .DLT topics)"
    local_suite_java com.commercesuite.localsuite.TopicProvisioner "$KAFKA_TOOL_BOOTSTRAP" | sed 's/^/    /' ||
        die "topic provisioning failed"
}

# ---------------------------------------------------------------------------------------------
# A secured cluster (`bin/suite up --secured`): the nodes take local-suite/config/kafka-secured.properties
# on top of their template (SCRAM-SHA-512 clients on 9092/9192/9292, the brokers' own user admin over
# SASL PLAIN on 9094/9194/9294 and on the controller ports, StandardAuthorizer), every client logs in as
# its user of local-suite/config/kafka-acls.txt, and the suite's tools as admin. The passwords live in
# .run/kafka-users/<user>, made on first use and readable by the owner only, as the gateway's secret.

KAFKA_USERS_DIR="$RUN_DIR/kafka-users"

# The password of a Kafka user, made (24 random bytes, hex) when there is none yet.
kafka_user_password() {
    local file="$KAFKA_USERS_DIR/$1"
    if [[ ! -s $file ]]; then
        command -v openssl >/dev/null || die "openssl is needed to make Kafka passwords (apt-get install openssl)"
        mkdir -p "$KAFKA_USERS_DIR"
        (umask 077 && openssl rand -hex 24 >"$file")
    fi
    cat "$file"
}

# The environment a service's Kafka client logs in with: its user is its module's name. Nothing while
# the cluster is plain, and nothing for a module that has no Kafka user (the gateway).
kafka_client_env() {
    local module=$1
    [[ $KAFKA_SECURED == 1 ]] || return 0
    grep -Eq "^$module[[:space:]]" "$SUITE_ROOT/local-suite/config/kafka-acls.txt" || return 0
    printf '%s\n' SPRING_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT SPRING_KAFKA_PROPERTIES_SASL_MECHANISM=SCRAM-SHA-512 \
        "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$module\" password=\"$(kafka_user_password "$module")\";"
}

provision_kafka_access() {
    [[ $KAFKA_SECURED == 1 ]] || return 0
    step "provisioning Kafka users and ACLs (local-suite/config/kafka-acls.txt; passwords in ${KAFKA_USERS_DIR#"$SUITE_ROOT"/})"
    local_suite_java com.commercesuite.localsuite.KafkaAccessProvisioner "$KAFKA_TOOL_BOOTSTRAP" "$KAFKA_USERS_DIR" \
        "$SUITE_ROOT/local-suite/config/kafka-acls.txt" | sed 's/^/    /' ||
        die "provisioning Kafka users and ACLs failed"
}

# ---------------------------------------------------------------------------------------------
# Brokers: KRaft nodes that are broker and controller in one JVM. The default is a cluster of three
# (three voters, replication factor 3, min.insync.replicas 2, as in production); SUITE_KAFKA_BROKERS=1
# (`bin/suite up --single-broker`) runs one node, lighter, where acks=all means the leader alone.
# Node N listens on 9092 + 100*(N-1) and its controller on the port after that; its data is under
# .run/kafka/<cluster|single>/node-N and its log is .run/logs/kafka-N.log.

# Whether the nodes that run are secured (1), plain (0), or none runs (nothing).
kafka_running_secured() {
    local node pid
    for node in 1 2 3; do
        pid=$(running_pid "kafka-$node" "$RUN_DIR/kafka/")
        [[ -n $pid ]] || continue
        if grep -q '^listeners=CLIENT://' "$RUN_DIR"/kafka/*/node-"$node"/server.properties 2>/dev/null; then
            printf '1\n'
        else
            printf '0\n'
        fi
        return 0
    done
    return 0
}

# The mode of nodes that run wins over the setting: a second launcher joins them, whatever it asked.
kafka_running_mode() {
    local node pid cmdline
    for node in 1 2 3; do
        pid=$(running_pid "kafka-$node" "$RUN_DIR/kafka/")
        [[ -n $pid ]] || continue
        cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
        case $cmdline in
            *"$RUN_DIR/kafka/cluster/"*) printf 'cluster\n'; return 0 ;;
            *"$RUN_DIR/kafka/single/"*) printf 'single\n'; return 0 ;;
        esac
    done
    return 0
}

# Sets KAFKA_MODE, KAFKA_NODES (the node ids), KAFKA_SECURED, KAFKA_BOOTSTRAP (every node, so a client
# can start while any one of them is down) and KAFKA_TOOL_BOOTSTRAP (where the suite's own tools connect:
# the same, or the brokers' admin listeners when secured). Called once below and again by the options
# of `bin/suite up`.
configure_kafka() {
    local brokers=${1:-$SUITE_KAFKA_BROKERS} running
    running=$(kafka_running_secured)
    KAFKA_SECURED=${running:-$SUITE_KAFKA_SECURED}
    running=$(kafka_running_mode)
    if [[ -n $running ]]; then
        KAFKA_MODE=$running
    elif [[ $brokers == 1 ]]; then
        KAFKA_MODE=single
    elif [[ $brokers == 3 ]]; then
        KAFKA_MODE=cluster
    else
        die "SUITE_KAFKA_BROKERS must be 1 or 3, not '$brokers'"
    fi
    if [[ $KAFKA_MODE == single ]]; then KAFKA_NODES=(1); else KAFKA_NODES=(1 2 3); fi
    local node
    local -a addresses=() tool_addresses=()
    for node in "${KAFKA_NODES[@]}"; do
        addresses+=("$LOOPBACK:$(kafka_port "$node")")
        tool_addresses+=("$LOOPBACK:$(if [[ $KAFKA_SECURED == 1 ]]; then kafka_broker_port "$node"; else kafka_port "$node"; fi)")
    done
    KAFKA_BOOTSTRAP=$(IFS=,; printf '%s' "${addresses[*]}")
    KAFKA_TOOL_BOOTSTRAP=$(IFS=,; printf '%s' "${tool_addresses[*]}")
    # Every client the launchers start (services, tests, tools) reads it.
    export KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP"
}

kafka_port() { printf '%s\n' "$((9092 + 100 * ($1 - 1)))"; }
kafka_controller_port() { printf '%s\n' "$((9093 + 100 * ($1 - 1)))"; }
# A secured node's own listener (replication, the suite's tools as admin): 9094, 9194, 9294.
kafka_broker_port() { printf '%s\n' "$((9094 + 100 * ($1 - 1)))"; }
# The node's Prometheus endpoint (the JMX exporter agent): 9404, 9504, 9604.
kafka_metrics_port() { printf '%s\n' "$((9404 + 100 * ($1 - 1)))"; }
kafka_node_dir() { printf '%s\n' "$RUN_DIR/kafka/$KAFKA_MODE/node-$1"; }
kafka_log() { printf '%s\n' "$LOG_DIR/kafka-$1.log"; }
kafka_out() { printf '%s\n' "$LOG_DIR/kafka-$1.out"; }

kafka_node_pid() { running_pid "kafka-$1" "$(kafka_node_dir "$1")/"; }

# Pid of the first node that runs (for the status table's ownership line), or nothing.
kafka_pid() {
    local node pid
    for node in "${KAFKA_NODES[@]}"; do
        pid=$(kafka_node_pid "$node")
        [[ -n $pid ]] && { printf '%s\n' "$pid"; return 0; }
    done
    return 0
}

kafka_node_ready() {
    port_open "$(kafka_port "$1")" || return 1
    # Port open is not enough: the broker accepts connections before it has a controller and
    # metadata. This line is logged once it is fully started.
    grep -q 'Kafka Server started' "$(kafka_log "$1")" 2>/dev/null
}

write_kafka_properties() {
    local node=$1 dir quorum rf min_isr voters=() n
    dir=$(kafka_node_dir "$node")
    mkdir -p "$dir/data"
    if [[ $KAFKA_MODE == single ]]; then
        # Formatted with `StorageTool format --standalone`, which refuses controller.quorum.voters.
        quorum="controller.quorum.bootstrap.servers=$LOOPBACK:$(kafka_controller_port 1)"
        rf=1 min_isr=1
    else
        for n in "${KAFKA_NODES[@]}"; do voters+=("$n@$LOOPBACK:$(kafka_controller_port "$n")"); done
        quorum="controller.quorum.voters=$(IFS=,; printf '%s' "${voters[*]}")"
        rf=3 min_isr=2
    fi
    local -a files=("$SUITE_ROOT/local-suite/config/kafka-server.properties")
    [[ $KAFKA_SECURED == 1 ]] && files+=("$SUITE_ROOT/local-suite/config/kafka-secured.properties")
    cat "${files[@]}" | sed -e "s#@NODE_ID@#$node#g" \
        -e "s#@QUORUM@#$quorum#g" \
        -e "s#@HOST@#$LOOPBACK#g" \
        -e "s#@PORT@#$(kafka_port "$node")#g" \
        -e "s#@CONTROLLER_PORT@#$(kafka_controller_port "$node")#g" \
        -e "s#@LOG_DIRS@#$dir/data#g" \
        -e "s#@REPLICATION_FACTOR@#$rf#g" \
        -e "s#@MIN_ISR@#$min_isr#g" \
        -e "s#@AUTO_CREATE@#$SUITE_KAFKA_AUTO_CREATE#g" \
        -e "s#@BROKER_PORT@#$(kafka_broker_port "$node")#g" \
        -e "s#@ADMIN_PASSWORD@#$(if [[ $KAFKA_SECURED == 1 ]]; then kafka_user_password admin; fi)#g" \
        >"$dir/server.properties"
    # The secured node's file holds admin's password.
    chmod 600 "$dir/server.properties"
}

# 22 characters of URL-safe base64 of 16 random bytes: the form Kafka's Uuid takes. Never one that
# starts with '-', which the storage tool would read as an option (Kafka's own Uuid avoids it too).
new_cluster_id() {
    local id
    while id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n') && [[ $id == -* ]]; do :; done
    printf '%s\n' "$id"
}

format_kafka_storage() {
    local node=$1 dir id_file
    dir=$(kafka_node_dir "$node")
    [[ -f $dir/data/meta.properties ]] && return 0
    id_file="$RUN_DIR/kafka/$KAFKA_MODE/cluster.id"
    [[ -s $id_file ]] || new_cluster_id >"$id_file"
    say "kafka: formatting node $node's storage in ${dir#"$SUITE_ROOT"/}/data"
    local -a standalone=()
    [[ $KAFKA_MODE == single ]] && standalone=(--standalone)
    local_suite_java kafka.tools.StorageTool format "${standalone[@]}" -t "$(<"$id_file")" \
        -c "$dir/server.properties" --ignore-formatted >"$LOG_DIR/kafka-format.log" 2>&1 ||
        { log_tail "$LOG_DIR/kafka-format.log"; die "formatting Kafka storage failed"; }
}

start_kafka_node() {
    local node=$1 dir pid
    dir=$(kafka_node_dir "$node")
    require_port_free "$(kafka_port "$node")" "Kafka node $node"
    require_port_free "$(kafka_controller_port "$node")" "Kafka node $node's controller"
    [[ $KAFKA_SECURED == 1 ]] && require_port_free "$(kafka_broker_port "$node")" "Kafka node $node's admin listener"
    write_kafka_properties "$node"
    format_kafka_storage "$node"
    rotate_log "$(kafka_log "$node")"
    rotate_log "$(kafka_out "$node")"
    require_port_free "$(kafka_metrics_port "$node")" "Kafka node $node's metrics endpoint"
    local agent
    agent=$(compgen -G "$LOCAL_SUITE_DIR/agents/jmx_prometheus_javaagent-*.jar" | head -n 1)
    # A class-data archive of the node's own, written when it stops and used from the next start
    # on (JDK 19 and newer): three brokers starting at once on a small machine spend most of their
    # start loading classes.
    local -a cds=()
    ((JAVA_MAJOR >= 19)) && cds=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$dir/classes.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
        -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent)
    # shellcheck disable=SC2086 # the options string is meant to split into words
    nohup "$JAVA" $SUITE_KAFKA_JAVA_OPTS "${cds[@]}" -Djava.awt.headless=true \
        -javaagent:"$agent=$LOOPBACK:$(kafka_metrics_port "$node"):$SUITE_ROOT/observability/kafka/kafka-metrics.yml" \
        -Dlog4j2.configurationFile="$SUITE_ROOT/local-suite/config/kafka-log4j2.xml" \
        -Dsuite.kafka.log="$(kafka_log "$node")" \
        "@$LOCAL_SUITE_ARGS" kafka.Kafka "$dir/server.properties" >"$(kafka_out "$node")" 2>&1 </dev/null 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$(pid_file "kafka-$node")"
    # The pid itself, for the waiter: until nohup has exec'd the JVM, its command line is not yet the
    # node's, and kafka_node_pid would take the pid file for a stale one.
    KAFKA_STARTED_PIDS[$node]=$pid
}

declare -gA KAFKA_STARTED_PIDS=()

ensure_kafka() {
    ensure_run_dirs
    local node started pids=()
    started=$(now_ms)
    # The nodes of a cluster start together: a controller waits for a majority of voters.
    for node in "${KAFKA_NODES[@]}"; do
        if [[ -z $(kafka_node_pid "$node") ]]; then
            start_kafka_node "$node"
            [[ -n $(started_owner kafka) ]] || mark_started kafka
        fi
    done
    for node in "${KAFKA_NODES[@]}"; do
        if kafka_node_ready "$node"; then
            pids+=("$(kafka_node_pid "$node")")
            continue
        fi
        wait_kafka_node_ready "$node" "$started" "${KAFKA_STARTED_PIDS[$node]:-$(kafka_node_pid "$node")}"
    done
    ((${#pids[@]} == ${#KAFKA_NODES[@]})) &&
        say "kafka: already running ($KAFKA_MODE$([[ $KAFKA_SECURED == 1 ]] && printf ', secured'), pids ${pids[*]}) on $KAFKA_BOOTSTRAP"
    return 0
}

# wait_kafka_node_ready <node> <started ms> <pid>
wait_kafka_node_ready() {
    local node=$1 started=$2 pid=$3 deadline
    deadline=$((started + SUITE_KAFKA_TIMEOUT * 1000))
    printf 'kafka: waiting for node %s on %s:%s (pid %s) ' "$node" "$LOOPBACK" "$(kafka_port "$node")" "$pid"
    until kafka_node_ready "$node"; do
        if ! pid_alive "$pid"; then
            printf ' died\n'
            log_tail "$(kafka_log "$node")"
            log_tail "$(kafka_out "$node")" 20
            die "Kafka node $node exited during startup"
        fi
        if (($(now_ms) > deadline)); then
            printf ' timed out\n'
            log_tail "$(kafka_log "$node")"
            die "Kafka node $node was not ready within ${SUITE_KAFKA_TIMEOUT}s (it is left running as pid $pid; 'bin/suite down' stops it)"
        fi
        printf '.'
        sleep 0.5
    done
    printf ' ready in %s\n' "$(fmt_secs $(($(now_ms) - started)))"
}

stop_kafka() {
    local node pid pairs=()
    for node in "${KAFKA_NODES[@]}"; do
        pid=$(kafka_node_pid "$node")
        [[ -n $pid ]] && pairs+=("kafka-$node=$pid")
        rm -f "$(pid_file "kafka-$node")"
    done
    if ((${#pairs[@]})); then
        step "stopping Kafka (${pairs[*]})"
        # Controlled shutdown takes a few seconds; data under .run/kafka is kept.
        stop_processes 45 "${pairs[@]}"
    fi
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
    provision_kafka_access
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

configure_kafka
