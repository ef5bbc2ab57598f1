#!/usr/bin/env bash
# Builds bench/floor/target/floor.war: the benchmark's calls and broadcast done by two bare endpoints
# (plus Switchboard's Tyrus idle-timer workaround, compiled from src/main/java), to measure what Payara
# Micro itself costs. Usage: bench/floor/build.sh, then BENCH_WAR=$PWD/bench/floor/target/floor.war bench/run.sh rr
set -euo pipefail
cd "$(dirname "$0")"
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp=$repo/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar
cp=$cp:$repo/org/eclipse/microprofile/config/microprofile-config-api/3.1/microprofile-config-api-3.1.jar
rm -rf target && mkdir -p target/war/WEB-INF/classes
javac --release 17 -cp "$cp" -d target/war/WEB-INF/classes src/dev/switchboard/floor/*.java \
  ../../src/main/java/dev/switchboard/websocket/TyrusIdleTimers.java \
  ../../src/main/java/dev/switchboard/websocket/IdleTimerFilter.java
jar --create --file target/floor.war -C target/war .
echo "$PWD/target/floor.war"
