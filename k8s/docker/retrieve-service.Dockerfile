# retrieve-service, JVM mode, from the Quarkus fast-jar layout (target/quarkus-app/).
# Build context: the module directory, after `./mvnw -B -pl retrieve-service -am package -DskipTests`:
#   docker build -f k8s/docker/retrieve-service.Dockerfile -t cloudpacs/retrieve-service:0.1.0 retrieve-service
FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.21

ENV LANGUAGE='en_US:en'

# Four layers from the least to the most often changed: dependencies first, the application last.
# Files stay owned by root and read-only for the app user (the pods also run with a read-only root
# file system; /tmp is an emptyDir).
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

EXPOSE 8083
# The image's jboss user (uid 185), as in the Quarkus images; the pods also set runAsUser 185.
USER 185

# Heap at 70 % of the container memory limit: the rest is metaspace, thread stacks and the direct
# buffers of the network and file I/O.
ENV JAVA_MAX_MEM_RATIO=70
ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"

ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
