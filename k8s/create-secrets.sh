#!/usr/bin/env bash
# Creates the Secrets the manifests in k8s/ refer to, which no file in this repository holds: each
# with a random value, once (a Secret that exists is left as it is, so running this again changes
# nothing). Needs kubectl (pointed at the cluster) and openssl.
#
#   k8s/create-secrets.sh [namespace]        # default commerce-suite, created if missing
#
# GATEWAY_JWT_SECRET, if set, is used for the gateway instead of a random key: the one your token
# issuer signs with. KubernetesManifestsTests checks that every Secret a workload refers to is made
# here (create_secret <name> <key>).
set -euo pipefail

namespace=${1:-commerce-suite}
command -v kubectl >/dev/null || { echo "kubectl is needed" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 1; }

# create_secret <name> <key> [value]: a Secret with one key, random unless a value is given.
create_secret() {
    local name=$1 key=$2 value=${3:-}
    if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
        echo "secret $name: exists, kept"
        return
    fi
    [[ -n $value ]] || value=$(openssl rand -hex 24)
    kubectl -n "$namespace" create secret generic "$name" --from-literal="$key=$value" >/dev/null
    echo "secret $name: created"
}

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"

# Each service's database login; PostgreSQL's init script reads the same Secrets, so the two agree.
create_secret product-service-db DB_PASSWORD
create_secret balance-service-db DB_PASSWORD
create_secret coupon-service-db DB_PASSWORD
create_secret order-service-db DB_PASSWORD
create_secret data-platform-consumer-db DB_PASSWORD
create_secret notification-consumer-db DB_PASSWORD
create_secret postgres-superuser POSTGRES_PASSWORD
# HS256 needs at least 32 bytes: 32 random bytes, hex.
create_secret gateway-jwt GATEWAY_JWT_SECRET "${GATEWAY_JWT_SECRET:-$(openssl rand -hex 32)}"
create_secret grafana-admin GF_SECURITY_ADMIN_PASSWORD

# KEDA's Kafka login (data-platform-consumer-autoscaling.yaml): Strimzi gives KafkaUser keda-autoscaler
# this password; the services' own logins are made by Strimzi's User Operator, one per KafkaUser.
if kubectl -n "$namespace" get secret keda-kafka >/dev/null 2>&1; then
    echo "secret keda-kafka: exists, kept"
else
    kubectl -n "$namespace" create secret generic keda-kafka --from-literal=sasl=scram_sha512 \
        --from-literal=username=keda-autoscaler --from-literal="password=$(openssl rand -hex 24)" >/dev/null
    echo "secret keda-kafka: created"
fi
