#!/bin/bash
# The one-shot kafka-init container: creates every topic of the catalog (common-events `Topic`,
# listed in TOPICS by docker-compose.yml) and its dead-letter twin <topic>.DLT with the same
# partition count, like local-suite's TopicProvisioner, then the users and ACLs (create-access.sh).
# Safe to run again (--if-not-exists).
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?}" "${TOPICS:?}"
: "${PARTITIONS:=3}" "${REPLICATION_FACTOR:=3}" "${MIN_INSYNC_REPLICAS:=2}" "${RETENTION_MS:=604800000}"
: "${KAFKA_BIN:=/opt/kafka/bin}"
# shellcheck source=admin-client.sh
. "$(dirname "$0")/admin-client.sh"

for topic in $TOPICS; do
    for name in "$topic" "$topic.DLT"; do
        "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" --create --if-not-exists \
            --topic "$name" --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
            --config "retention.ms=$RETENTION_MS" --config "min.insync.replicas=$MIN_INSYNC_REPLICAS"
    done
done
"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" \
    --describe --exclude-internal | grep PartitionCount
bash "$(dirname "$0")/create-access.sh"
