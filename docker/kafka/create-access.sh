#!/bin/bash
# kafka-init's second step: the clients' SCRAM-SHA-512 users and the ACLs of
# local-suite/config/kafka-acls.txt (mounted at ACL_FILE), as KafkaAccessProvisioner gives a secured
# local node. A user's password is <USER>_KAFKA_PASSWORD (upper case, '-' as '_': ORDER_SERVICE_KAFKA_PASSWORD),
# from .env; a user of the file without one here (keda-autoscaler, which only Kubernetes runs) gets its
# ACLs but no login. Safe to run again: passwords are set anew, existing ACLs stay.
set -euo pipefail
# Names may be `*` (every topic or group): no file name expansion.
set -f

: "${BOOTSTRAP_SERVERS:?}" "${ACL_FILE:=/config/kafka-acls.txt}" "${KAFKA_BIN:=/opt/kafka/bin}"
# shellcheck source=admin-client.sh
. "$(dirname "$0")/admin-client.sh"

grep -Ev '^[[:space:]]*(#|$)' "$ACL_FILE" | awk '{ print $1 }' | sort -u | while read -r user; do
    variable=${user^^}
    variable=${variable//-/_}_KAFKA_PASSWORD
    if [[ -z ${!variable:-} ]]; then
        echo "user $user: no $variable, ACLs only"
        continue
    fi
    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" \
        --alter --entity-type users --entity-name "$user" \
        --add-config "SCRAM-SHA-512=[iterations=4096,password=${!variable}]" >/dev/null
    echo "user $user: SCRAM-SHA-512 credential set"
done

# One kafka-acls call per line: user operation type name...
grep -Ev '^[[:space:]]*(#|$)' "$ACL_FILE" | while read -r user operation type names; do
    resources=()
    if [[ $type == cluster ]]; then
        resources=(--cluster)
    else
        for name in $names; do resources+=("--$type" "$name"); done
    fi
    "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$ADMIN_CONFIG" \
        --add --allow-principal "User:$user" --operation "$operation" "${resources[@]}" >/dev/null
    echo "acl: $user $operation $type $names"
done
