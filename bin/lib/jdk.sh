# shellcheck shell=bash
# Picks a JDK 21 or newer without the user having to: the build (maven-enforcer) and the services
# need 21+, while a machine's default `java` may well be 17.

MIN_JAVA=21

# Major version of a java binary: 25 for "25.0.1", 8 for "1.8.0_392"; nothing if it does not run.
java_major() {
    local version
    version=$("$1" -version 2>&1 | awk -F'"' '/ version "/ { print $2; exit }') || true
    [[ -n $version ]] || return 1
    [[ $version == 1.* ]] && version=${version#1.}
    version=${version%%[!0-9]*}
    [[ -n $version ]] && printf '%s\n' "$version"
}

# Home of a JDK (not a bare JRE: Maven needs javac) of at least MIN_JAVA, or nothing.
jdk_home_ok() {
    local home=$1 major
    [[ -x $home/bin/java && -x $home/bin/javac ]] || return 1
    major=$(java_major "$home/bin/java") || return 1
    ((major >= MIN_JAVA))
}

# Sets and exports JAVA_HOME (for ./mvnw) and JAVA. Order: $JAVA_HOME, `java` on PATH, the newest
# suitable JDK under /usr/lib/jvm.
pick_jdk() {
    local home major best="" best_major=0 on_path
    if [[ -n ${JAVA_HOME:-} ]] && jdk_home_ok "$JAVA_HOME"; then
        best=$JAVA_HOME
    elif on_path=$(command -v java 2>/dev/null) && home=$(dirname "$(dirname "$(readlink -f "$on_path")")") &&
        jdk_home_ok "$home"; then
        best=$home
    else
        for home in /usr/lib/jvm/*; do
            [[ -d $home ]] || continue
            jdk_home_ok "$home" || continue
            major=$(java_major "$home/bin/java")
            if ((major > best_major)); then
                best=$home
                best_major=$major
            fi
        done
    fi
    if [[ -z $best ]]; then
        die "no JDK $MIN_JAVA or newer found (looked at \$JAVA_HOME${JAVA_HOME:+=$JAVA_HOME}, 'java' on PATH and /usr/lib/jvm/*); install one and set JAVA_HOME to it"
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
    JAVA="$JAVA_HOME/bin/java"
    JAVA_MAJOR=$(java_major "$JAVA")
}

# ./mvnw from the repository root. On JDK 24+ Maven's own libraries (Guice) trip the
# sun.misc.Unsafe deprecation warnings (JEP 498) on every run; allow it for Maven's JVM only.
mvnw() {
    local opts=${MAVEN_OPTS:-}
    ((${JAVA_MAJOR:-0} >= 24)) && opts="--sun-misc-unsafe-memory-access=allow${opts:+ $opts}"
    (cd "$SUITE_ROOT" && MAVEN_OPTS=$opts ./mvnw "$@")
}
