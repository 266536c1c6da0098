# Build stage: Maven with JDK 17 builds the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE 17 image, non-root user, data and config as volumes. The config (campops.yaml and program.yaml:
# staff-meeting links and the like) is not in the image: mount it at /app/config when running, e.g.
#   docker run -v "$PWD/config:/app/config:ro" -v campops-data:/app/data -e DISCORD_TOKEN -p 127.0.0.1:8080:8080 campops
# Without it the bot stops at once, saying /app/config/campops.yaml was not found.
FROM eclipse-temurin:17-jre
# The weekly report's charts draw Korean team and mentor names: a font with Hangul (Nanum, OFL), found by fontconfig.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-nanum fontconfig \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /app campops
WORKDIR /app
COPY --from=build /src/target/campops.jar /app/campops.jar
RUN mkdir -p /app/data /app/config && chown -R campops:campops /app
USER campops
VOLUME ["/app/data", "/app/config"]
ENV CAMPOPS_DB_URL=jdbc:h2:file:/app/data/campops
# Members' calendar feeds only (http.port in the config). /health and /metrics are on the management listener
# (http.managementHost:http.managementPort, 127.0.0.1:8081 by default): inside the container, never published.
EXPOSE 8080
# Ready = the database answers and the Discord gateway is connected. The image has no curl or wget to rely on:
# the jar asks the management listener's /health itself (a small JVM, about a second).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/app/campops.jar", "healthcheck", "--config", "/app/config/campops.yaml"]
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-jar", "/app/campops.jar"]
CMD ["run", "--config", "/app/config/campops.yaml"]
