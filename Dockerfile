# syntax=docker/dockerfile:1
# One image recipe for every service: docker build --build-arg MODULE=<maven module> -t commerce-suite/<module>:0.1.0 .
# docker-compose.yml builds each service with it; the Kubernetes manifests name the images the same way.

# --- build: the Maven Wrapper, only the module and what it depends on ---------------------------
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
RUN test -n "$MODULE" || { echo "set --build-arg MODULE=<maven module>, e.g. MODULE=order-service" >&2; exit 1; }
WORKDIR /workspace
COPY . .
# The cache mount keeps ~/.m2 (and the wrapper's Maven) between builds of the seven images.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "$MODULE" -am -DskipTests package \
    && mkdir -p /out \
    && cp "$MODULE/target/$MODULE"-*.jar /out/app.jar \
    && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

# --- run: JRE only, non-root, dependencies in their own layers so a code change ships small ------
FROM eclipse-temurin:21-jre
ARG MODULE
LABEL org.opencontainers.image.title="commerce-suite/${MODULE}"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./
USER 10001:10001
# Heap sized from the container's memory limit; an OutOfMemoryError ends the process so the
# orchestrator restarts it instead of leaving a half-dead JVM.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
# exec: java is PID 1's replacement and gets SIGTERM itself (graceful shutdown, consumers leave
# their group). INSTANCE_ID defaults to the container's host name, so scaled replicas differ.
ENTRYPOINT ["/bin/sh", "-c", "export INSTANCE_ID=\"${INSTANCE_ID:-$HOSTNAME}\"; exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
