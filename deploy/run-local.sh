#!/usr/bin/env bash
# Builds the JCM Registry and runs it on this machine, without Docker: a Kafka broker (KRaft) and a
# PostgreSQL server from Maven jars, then the three services. Data is kept under .jcm-local/ between runs.
#   JCM_PARTNERS=MN,VN,TH                         the partner countries whose systems may connect to Kafka (the
#                                                 default): each gets its two topics, its user partner-<cc> and its
#                                                 ACLs; the passwords are printed and kept in
#                                                 .jcm-local/kafka-credentials.properties, client settings in
#                                                 .jcm-local/kafka-clients/
#   JCM_KAFKA_BOOTSTRAP_SERVERS=host:port        use an existing broker instead (SASL_PLAINTEXT, SCRAM-SHA-512), with
#   JCM_KAFKA_ADMIN_PASSWORD=...                  the password of its super user (JCM_KAFKA_ADMIN_USERNAME, default
#                                                 admin), who creates the topics, users and ACLs
#   JCM_POSTGRES_URL=jdbc:postgresql://host/db    use an existing server (with JCM_POSTGRES_USER/_PASSWORD,
#                                                 a user that may create databases and roles)
#   SKIP_BUILD=1                                  start what was built last time
# Ctrl-C stops the services first, then Kafka, then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (tests skipped; './mvnw verify' runs them) ..."
  ./mvnw -B -q -DskipTests install
fi
./mvnw -B -q -o -pl test-support dependency:build-classpath \
  -Dmdep.outputFile=target/launcher-classpath.txt -Dmdep.includeScope=runtime

exec java -Xmx768m -XX:+UseSerialGC \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dlogging.configuration="file:$PWD/deploy/local/logging.properties" \
  -Djcm.repo="$PWD" \
  -cp "test-support/target/classes:$(cat test-support/target/launcher-classpath.txt)" \
  org.jcm.registry.testsupport.LocalRegistry
