# shellcheck shell=bash
# Sourced by kafka-init's scripts: the client settings of the brokers' own user, admin, on their own
# listener (SASL PLAIN, BOOTSTRAP_SERVERS), for the Kafka tools' --command-config.
: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is needed}"
ADMIN_CONFIG=$(mktemp)
chmod 600 "$ADMIN_CONFIG"
cat >"$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
