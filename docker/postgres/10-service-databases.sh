#!/usr/bin/env bash
# Runs once, on the first start of an empty data directory (the postgres image's
# /docker-entrypoint-initdb.d): one login and one database per service, owned by that login and
# closed to the others - the layout local-suite's DatabaseProvisioner gives the local suite.
#
# SERVICE_DATABASES lists the names (login = database); each password comes from
# <NAME>_DB_PASSWORD (e.g. ORDER_DB_PASSWORD) and defaults to the name, as the services'
# application.yml do. Used by docker-compose.yml and, as a ConfigMap, by k8s/.
set -euo pipefail

: "${SERVICE_DATABASES:=product balance coupon order dataplatform notification}"

for name in $SERVICE_DATABASES; do
    password_var="${name^^}_DB_PASSWORD"
    password="${!password_var:-$name}"
    # psql variables quote identifiers (:"name") and literals (:'password'); "order" is a reserved word.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE CONNECT ON DATABASE :"name" FROM PUBLIC;
SQL
    echo "database $name: created, owned by login $name"
done
