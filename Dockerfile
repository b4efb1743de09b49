# One image for every Coxswain component; the command picks the component (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl cli -am package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /opt/coxswain
COPY --from=build /src/cli/target/cox.jar ./cox.jar
COPY --from=build /src/cli/target/lib ./lib
ENTRYPOINT ["java", "-cp", "/opt/coxswain/cox.jar:/opt/coxswain/lib/*", "io.coxswain.cli.Cox"]
