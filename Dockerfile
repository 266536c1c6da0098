# Build stage: Maven with JDK 17 builds the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE 17 image, non-root user, data and config as volumes.
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /app campops
WORKDIR /app
COPY --from=build /src/target/campops.jar /app/campops.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R campops:campops /app
USER campops
VOLUME ["/app/data", "/app/config"]
ENV CAMPOPS_DB_URL=jdbc:h2:file:/app/data/campops
# /health, /metrics and calendar feeds (http.port in the config).
EXPOSE 8080
# Ready = the database answers and the Discord gateway is connected. The image has no curl or wget to rely on:
# the jar asks /health itself (a small JVM, about a second).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/app/campops.jar", "healthcheck", "--config", "/app/config/campops.yaml"]
ENTRYPOINT ["java", "-jar", "/app/campops.jar"]
CMD ["run", "--config", "/app/config/campops.yaml"]
