# Nightshift image: a JRE 17 plus the PostgreSQL client programs (pg_dump, pg_restore) of your servers'
# major version. pg_dump must be at least as new as the server it dumps: build with the newest major
# version among your servers, e.g.  docker build --build-arg PG_MAJOR=16 -t nightshift:0.1.0 .
# Runs as the non-root user 10001 (the Kubernetes manifests expect it) and works with a read-only root
# filesystem: it writes only to /var/lib/nightshift (backups, sync spool) and /tmp.

FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre-jammy
ARG PG_MAJOR=16
# postgresql-client-N from the PostgreSQL project's apt repository (Ubuntu's own is older)
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
 && curl -fsSL https://www.postgresql.org/media/keys/ACCC4CF8.asc \
      | gpg --dearmor -o /usr/share/keyrings/postgresql.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/postgresql.gpg] https://apt.postgresql.org/pub/repos/apt jammy-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends "postgresql-client-${PG_MAJOR}" \
 && apt-get purge -y curl gnupg && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 nightshift \
 && useradd --system --uid 10001 --gid nightshift --home-dir /var/lib/nightshift --shell /usr/sbin/nologin nightshift \
 && mkdir -p /var/lib/nightshift /etc/nightshift \
 && chown nightshift:nightshift /var/lib/nightshift
COPY --from=build /src/target/nightshift.jar /opt/nightshift/nightshift.jar
# the image's default jobs/ (schedules, masking rules); Kubernetes mounts the ConfigMap over it
COPY jobs /etc/nightshift/jobs
ENV NIGHTSHIFT_POSTGRES_BIN_DIR=/usr/lib/postgresql/${PG_MAJOR}/bin \
    NIGHTSHIFT_SCHEDULE_FILE=/etc/nightshift/jobs/schedules.yml
USER 10001:10001
WORKDIR /etc/nightshift
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/nightshift/nightshift.jar"]
CMD ["--help"]
