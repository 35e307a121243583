# shellcheck shell=bash
# Development bearer tokens for the local gateway: HS256 JWTs signed with the secret the launcher
# keeps in .run/gateway-jwt-secret (made once, mode 600, never committed) and gives the gateway as
# GATEWAY_JWT_SECRET when it starts it. Needs openssl.

GATEWAY_JWT_SECRET_FILE="$RUN_DIR/gateway-jwt-secret"
: "${SUITE_TOKEN_TTL:=43200}" # seconds a minted token stays valid: 12 h
# The issuer and audience the gateway checks: its defaults, overridden by the same variables.
: "${GATEWAY_JWT_ISSUER:=commerce-suite-local}"
: "${GATEWAY_JWT_AUDIENCE:=commerce-suite-gateway}"

# Prints the local gateway's secret, making it the first time. `ln` is atomic and refuses to
# replace a file, so two launchers racing still end up with one secret.
gateway_jwt_secret() {
    if [[ ! -s $GATEWAY_JWT_SECRET_FILE ]]; then
        command -v openssl >/dev/null || die "openssl is needed to make the gateway's JWT secret (apt-get install openssl)"
        mkdir -p "$RUN_DIR"
        local tmp="$GATEWAY_JWT_SECRET_FILE.$$"
        (umask 077 && openssl rand -hex 32 >"$tmp")
        ln "$tmp" "$GATEWAY_JWT_SECRET_FILE" 2>/dev/null || true
        rm -f "$tmp"
    fi
    chmod 600 "$GATEWAY_JWT_SECRET_FILE"
    cat "$GATEWAY_JWT_SECRET_FILE"
}

# base64url without padding (RFC 7515), from standard input.
base64url() {
    openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# mint_token <user id> <role>: prints a JWT the local gateway accepts: subject = the user id,
# roles = [role], iss and aud as the gateway expects, valid for SUITE_TOKEN_TTL seconds.
mint_token() {
    local subject=$1 role=$2 secret now header payload signature
    [[ $subject =~ ^[0-9]{1,18}$ ]] || die "a user id is digits only (at most 18), not '$subject'"
    command -v openssl >/dev/null || die "openssl is needed to mint tokens (apt-get install openssl)"
    secret=$(gateway_jwt_secret)
    now=$(date +%s)
    header=$(printf '{"alg":"HS256","typ":"JWT"}' | base64url)
    payload=$(printf '{"sub":"%s","roles":["%s"],"iss":"%s","aud":"%s","iat":%d,"exp":%d}' \
        "$subject" "$role" "$GATEWAY_JWT_ISSUER" "$GATEWAY_JWT_AUDIENCE" "$now" "$((now + SUITE_TOKEN_TTL))" | base64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$secret" -binary | base64url)
    printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}
