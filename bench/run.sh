#!/usr/bin/env bash
# The hot-path benchmark: Switchboard against reference servers, in one run.
#
#   bench/run.sh                      # every scenario but soak (~19 min)
#   bench/run.sh --quick              # short durations, same scenarios (~7 min)
#   bench/run.sh rr pipelined conns50 # only these (rr pipelined conns50 idle200active10 rpc-rr rpc-pipelined mcp broadcast
#                                     # idle10k runs soak publish cluster-broadcast cluster-publish)
#   bench/run.sh soak -Dbench.soakMinutes=1
#   bench/run.sh all                  # every single-server scenario, soak and publish included
#   bench/run.sh broadcast cluster-broadcast publish cluster-publish   # one server against a cluster of two
#   bench/run.sh --floor rr broadcast # Payara Micro's own floor: bare endpoints (bench/floor) instead of Switchboard,
#                                     # results in bench/target/floor/ (docs/ untouched)
#
# Any -Dbench.*=… argument goes to the load generator (see src/test/java/dev/switchboard/bench/BenchConfig.java).
# Environment:
#   BENCH_SWITCHBOARD_URL=ws://127.0.0.1:8000 BENCH_SWITCHBOARD_PID=<pid>  use a running Switchboard (e.g. under JFR)
#                                      instead of building and starting one; without the pid, no CPU or heap numbers
#   BENCH_WAR=path/to/switchboard.war  deploy this WAR instead of building the working tree
#   BENCH_PAYARA_PORT / BENCH_PYTHON_PORT / BENCH_NODE_PORT   (18080 / 18081 / 18082)
#   BENCH_PAYARA2_PORT (18083) / BENCH_GRID_PORT (18900; the second instance takes the next)   the cluster scenarios
#   BENCH_PAYARA_JAVA_OPTS (-Xmx512m -XX:+UseParallelGC -XX:MetaspaceSize=256m, as the run command)
#   BENCH_GENERATOR_OPTS (-Xmx2g)
#   BENCH_PAYARA_PREBOOT (payara/pre-boot-commands.asadmin)    an A/B of listener settings
#
# Each scenario gets a freshly started Switchboard (unless BENCH_SWITCHBOARD_URL); the references run throughout.
# The cluster scenarios (cluster-broadcast, cluster-publish; never in the default set or in all) get two fresh
# instances of the same WAR forming one cluster on loopback (-Dswitchboard.cluster.enabled=true, Payara's data
# grid on BENCH_GRID_PORT and the next port, HTTP on BENCH_PAYARA_PORT and BENCH_PAYARA2_PORT), started and
# stopped like the single one; they are measured once both have deployed and both report /health/ready UP
# with two members. Each compares its load spread over both instances with the same load on the first only,
# and checks that every event reaches every client of both instances with the same offset; `broadcast` and
# `publish` in the same run give the single, unclustered server's figures beside them.
# With BENCH_SWITCHBOARD_URL, the cluster scenarios need BENCH_SWITCHBOARD2_URL (and _PID) of the second instance.
# Servers listen on 127.0.0.1 (Payara Micro: its own default binding) and are stopped on exit, Ctrl-C or error.
# Results: docs/perf/<scenario>.json, docs/perf/*.png, the results section of docs/PERFORMANCE.md.
# Exit status: non-zero when any reply was wrong or missing (or a server could not start).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=bench/target
PAYARA_PORT=${BENCH_PAYARA_PORT:-18080}
PAYARA2_PORT=${BENCH_PAYARA2_PORT:-18083}
GRID_PORT=${BENCH_GRID_PORT:-18900}
PYTHON_PORT=${BENCH_PYTHON_PORT:-18081}
NODE_PORT=${BENCH_NODE_PORT:-18082}
PYTHON=/usr/bin/python3 # not the pyenv python3 on PATH: Debian's packages are installed for this one

log() { printf '%s bench: %s\n' "$(date +%T)" "$*"; }
die() { log "ERROR: $*"; exit 2; }

scenarios=()
generator_props=()
floor=false
for arg in "$@"; do
  case $arg in
    --quick) generator_props+=(-Dbench.quick=true) ;;
    --floor) floor=true ;;
    -D*) generator_props+=("$arg") ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) scenarios+=("$arg") ;;
  esac
done
chosen=$(IFS=,; echo "${scenarios[*]:-default}")
wants() { # does the chosen set include any of these scenarios?
  [[ $chosen == default || $chosen == all ]] && return 0
  local s; for s in "$@"; do [[ ,$chosen, == *,$s,* ]] && return 0; done; return 1
}
is_cluster() { [[ $1 == cluster-* ]]; }
if [[ $floor == true ]]; then # the same scenarios against two bare endpoints: what Payara Micro itself costs
  [[ -z ${BENCH_SWITCHBOARD_URL:-} ]] || die "--floor starts its own Payara Micro; unset BENCH_SWITCHBOARD_URL"
  [[ $chosen == default ]] && chosen=rr,pipelined,conns50,idle200active10,broadcast scenarios=(${chosen//,/ })
  [[ $chosen != all ]] && ! wants idle10k runs rpc-rr rpc-pipelined mcp publish cluster-broadcast cluster-publish || die "--floor has no /runs, no /rpc, no /mcp, no session metric, no event subscriptions and no cluster: it runs rr pipelined conns50 idle200active10 broadcast soak"
  BENCH_WAR=$(bench/floor/build.sh)
  mkdir -p "$BUILD/floor"
  generator_props+=(-Dbench.out="$BUILD/floor" -Dbench.report="$BUILD/floor/FLOOR.md"
    "-Dbench.switchboard.label=Payara Micro floor (bench/floor)")
fi

# --- processes we start, stopped on any exit --------------------------------------------------------
started=()
stop_pids() { # stop_pids <pid…>: TERM, up to 20 s to finish, then KILL
  local pid alive
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && return
    sleep 0.5
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
}
stop_servers() { [[ ${#started[@]} == 0 ]] || stop_pids "${started[@]}"; }
trap stop_servers EXIT
trap 'exit 130' INT TERM

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free() { ! port_taken "$1" || die "port $1 ($2) is already in use; stop what listens there or set BENCH_${2^^}_PORT"; }

# wait_until <seconds> <pid> <what> <command…>: until the command succeeds, the process dies, or time is up
wait_until() {
  local seconds=$1 pid=$2 what=$3; shift 3
  for _ in $(seq 1 $((seconds * 2))); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited while starting"
    sleep 0.5
  done
  die "$what did not start within ${seconds}s"
}

# --- the load generator (compiled on its own: it does not need the server's classes) ---------------------
mkdir -p "$BUILD"
ulimit -n "$(ulimit -Hn)" # 10,000 client connections (and as many on the server side)
log "compiling the load generator"
# XChart for the plots, JSON-P (Parsson and the jakarta.json API) for reading replies and writing results
mvn -B -q -Pbench dependency:build-classpath -DincludeGroupIds=org.knowm.xchart,org.eclipse.parsson,jakarta.json \
  -DincludeArtifactIds=xchart,parsson,jakarta.json-api -Dmdep.outputFile="$BUILD/generator.classpath" >/dev/null
rm -rf "$BUILD/generator"
javac -d "$BUILD/generator" -cp "$(cat "$BUILD/generator.classpath")" src/test/java/dev/switchboard/bench/*.java

# --- Switchboard: a fresh server for each scenario, so none inherits another's leftovers ------------------
# (closed sessions and finished runs the server still keeps would skew heap numbers and throughput)
if [[ -n ${BENCH_SWITCHBOARD_URL:-} ]]; then
  log "using the running Switchboard at $BENCH_SWITCHBOARD_URL (pid ${BENCH_SWITCHBOARD_PID:-unknown}) for every scenario"
  if [[ ,$chosen, == *,cluster-* && -z ${BENCH_SWITCHBOARD2_URL:-} ]]; then
    die "the cluster scenarios need the second instance too: set BENCH_SWITCHBOARD2_URL (and BENCH_SWITCHBOARD2_PID)"
  fi
  own_switchboard=false
else
  own_switchboard=true
  require_free "$PAYARA_PORT" payara
  war=${BENCH_WAR:-}
  if [[ -z $war ]]; then
    log "building the WAR (mvn -Pbench package, into $BUILD)"
    mvn -B -q -Pbench -Dmaven.test.skip=true package
    war=$BUILD/switchboard.war
  fi
  [[ -f $BUILD/payara-micro.jar ]] || mvn -B -q -Pbench dependency:copy@copy-payara-micro
  # The HTTP head guard that payara/pre-boot-commands.asadmin installs (payara/header-guard): without it the
  # listeners would refuse every connection. Made by the package above; with BENCH_WAR or --floor, here.
  if [[ ! -f $BUILD/switchboard-header-guard.jar ]]; then
    log "building the HTTP head guard (mvn -Pbench prepare-package, into $BUILD)"
    mvn -B -q -Pbench -Dmaven.test.skip=true prepare-package
  fi
  [[ -f $BUILD/switchboard-header-guard.jar ]] || die "$BUILD/switchboard-header-guard.jar was not built"
fi

# Payara logs "ready" even when the deployment failed: wait for the application's own line, and then for
# "ready" too (the web application is loaded at its context root only after "successfully deployed": a
# client that connects in between gets no endpoint).
deployed() { # deployed <log>
  grep -q 'successfully deployed' "$1" && grep -q 'Payara Micro .* ready in' "$1" && return 0
  if grep -qE 'Failed to deploy|Exception while loading the app|Failed to start' "$1"; then
    tail -n 30 "$1"; die "Switchboard did not deploy (see $1)"
  fi
  return 1
}

# launch_payara <http port> <log> <Payara Micro options…>: starts one instance as the run command does; sets $launched
launch_payara() {
  local port=$1 logfile=$2; shift 2
  require_free "$port" "$([[ $port == "$PAYARA_PORT" ]] && echo payara || echo payara2)"
  log "starting Payara Micro on 127.0.0.1:$port (log: $logfile)"
  : >"$logfile" # emptied before the start, so the previous run's "deployed" line cannot be read
  # shellcheck disable=SC2086
  # The benchmark measures throughput: no per-connection message rate limit, and the broadcast and publish
  # scenarios send chat from few connections, faster than a person may.
  java ${BENCH_PAYARA_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC -XX:MetaspaceSize=256m} -Dswitchboard.websocket.messages-per-second=0 \
    -Dswitchboard.bus.chat-per-second=100000 -Dswitchboard.bus.chat-burst=100000 \
    -Dhazelcast.socket.bind.any=false ${cluster_java_options:-} \
    -jar "$BUILD/payara-micro.jar" --deploy "$war" --contextroot / \
    --port "$port" "$@" --addlibs "$BUILD/switchboard-header-guard.jar" --prebootcommandfile "${BENCH_PAYARA_PREBOOT:-payara/pre-boot-commands.asadmin}" \
    --postbootcommandfile payara/post-boot-commands.asadmin \
    >"$logfile" 2>&1 &
  launched=$!
  started+=("$launched")
}

start_switchboard() { # as the run command does, on $PAYARA_PORT
  cluster_java_options=
  launch_payara "$PAYARA_PORT" "$BUILD/payara.log" --nocluster
  payara_pids=("$launched")
  wait_until 300 "$launched" "Payara Micro" deployed "$BUILD/payara.log"
  export BENCH_SWITCHBOARD_URL=ws://127.0.0.1:$PAYARA_PORT BENCH_SWITCHBOARD_PID=$launched
}

# /health/ready answers UP: with min-members 2, only once the instance has joined a cluster of two
ready_up() { curl -fsS --max-time 5 "http://127.0.0.1:$1/health/ready" 2>/dev/null | grep -q '^{"status":"UP"'; }

start_cluster() { # two instances of the same WAR forming one cluster on loopback, on $PAYARA_PORT and $PAYARA2_PORT
  local grid2=$((GRID_PORT + 1)) i pid port
  require_free "$GRID_PORT" grid; require_free "$grid2" grid
  cluster_java_options="-Dswitchboard.cluster.enabled=true -Dswitchboard.cluster.min-members=2"
  payara_pids=()
  local ports=("$PAYARA_PORT" "$PAYARA2_PORT") grids=("$GRID_PORT" "$grid2") logs=("$BUILD/payara.log" "$BUILD/payara-2.log")
  for i in 0 1; do
    launch_payara "${ports[$i]}" "${logs[$i]}" --name "switchboard-bench-$((i + 1))" --clustername switchboard-bench \
      --clustermode "tcpip:127.0.0.1:$GRID_PORT,127.0.0.1:$grid2" --startport "${grids[$i]}" --interfaces 127.0.0.1
    payara_pids+=("$launched")
  done
  for i in 0 1; do
    wait_until 300 "${payara_pids[$i]}" "Payara Micro (instance $((i + 1)))" deployed "${logs[$i]}"
  done
  for i in 0 1; do
    pid=${payara_pids[$i]} port=${ports[$i]}
    for _ in $(seq 1 120); do
      ready_up "$port" && break
      kill -0 "$pid" 2>/dev/null || die "Payara Micro (instance $((i + 1))) exited while joining the cluster (see ${logs[$i]})"
      sleep 0.5
    done
    ready_up "$port" || die "instance $((i + 1)) (127.0.0.1:$port) is deployed but /health/ready is not UP after 60 s:" \
      "the two instances did not form a cluster of 2 (see 'Clustering on: member … of' and 'memberAdded' in ${logs[0]} and ${logs[1]})"
  done
  log "cluster of 2 ready (/health/ready UP on both, which needs 2 members) on grid ports $GRID_PORT and $grid2"
  export BENCH_SWITCHBOARD_URL=ws://127.0.0.1:$PAYARA_PORT BENCH_SWITCHBOARD_PID=${payara_pids[0]}
  export BENCH_SWITCHBOARD2_URL=ws://127.0.0.1:$PAYARA2_PORT BENCH_SWITCHBOARD2_PID=${payara_pids[1]}
}

stop_switchboard() { # the single server or both instances of the cluster
  local pid kept=()
  stop_pids "${payara_pids[@]}"
  for pid in "${started[@]}"; do [[ " ${payara_pids[*]} " == *" $pid "* ]] || kept+=("$pid"); done
  started=("${kept[@]}")
  unset BENCH_SWITCHBOARD2_URL BENCH_SWITCHBOARD2_PID
}

# --- the Python reference (FastAPI/uvicorn, Debian's packages) -----------------------------------------
if wants rr pipelined conns50 idle200active10 || [[ " ${generator_props[*]} " == *" -Dbench.broadcast.python=true "* ]]; then
  if ! "$PYTHON" -c 'import fastapi, uvicorn, websockets' 2>/dev/null; then
    log "installing python3-fastapi python3-uvicorn python3-websockets (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      python3-fastapi python3-uvicorn python3-websockets >/dev/null
  fi
  require_free "$PYTHON_PORT" python
  log "starting the Python reference on 127.0.0.1:$PYTHON_PORT (log: $BUILD/python.log)"
  "$PYTHON" -m uvicorn --app-dir bench/reference reference_server:app --host 127.0.0.1 --port "$PYTHON_PORT" \
    --workers 1 --ws websockets --log-level warning >"$BUILD/python.log" 2>&1 &
  python_pid=$!
  started+=("$python_pid")
  wait_until 60 "$python_pid" "the Python reference" port_taken "$PYTHON_PORT"
  export BENCH_PYTHON_URL=ws://127.0.0.1:$PYTHON_PORT BENCH_PYTHON_PID=$python_pid
fi

# --- the Node reference (npm ws) ---------------------------------------------------------------------
if wants broadcast; then
  [[ -f bench/node/node_modules/ws/package.json ]] || (cd bench/node && npm ci --no-audit --no-fund --silent)
  require_free "$NODE_PORT" node
  log "starting the Node reference on 127.0.0.1:$NODE_PORT (log: $BUILD/node.log)"
  node bench/node/broadcast.js "$NODE_PORT" >"$BUILD/node.log" 2>&1 &
  node_pid=$!
  started+=("$node_pid")
  wait_until 30 "$node_pid" "the Node reference" port_taken "$NODE_PORT"
  export BENCH_NODE_URL=ws://127.0.0.1:$NODE_PORT BENCH_NODE_PID=$node_pid
fi

# --- the run: one generator per scenario (each rewrites the report from every docs/perf/*.json) -------------
case $chosen in
  default) run_list=(rr pipelined conns50 idle200active10 rpc-rr rpc-pipelined mcp broadcast idle10k runs) ;; # as BenchConfig's default
  all) run_list=(rr pipelined conns50 idle200active10 rpc-rr rpc-pipelined mcp broadcast publish idle10k runs soak) ;;
  *) run_list=("${scenarios[@]}") ;;
esac
status=0
for scenario in "${run_list[@]}"; do
  if [[ $own_switchboard == true ]]; then
    if is_cluster "$scenario"; then start_cluster; else start_switchboard; fi
  fi
  log "running $scenario"
  set +e
  # shellcheck disable=SC2086
  java ${BENCH_GENERATOR_OPTS:--Xmx2g} -Djava.awt.headless=true -Dbench.clkTck="$(getconf CLK_TCK)" \
    -Dbench.scenarios="$scenario" "${generator_props[@]}" \
    -cp "$BUILD/generator:$(cat "$BUILD/generator.classpath")" dev.switchboard.bench.Bench
  result=$?
  set -e
  [[ $result == 0 ]] || status=$result
  [[ $own_switchboard == true ]] && stop_switchboard
done
if [[ $floor == true ]]; then results="$BUILD/floor/"; else results="docs/perf/ and docs/PERFORMANCE.md"; fi
for prop in "${generator_props[@]}"; do [[ $prop == -Dbench.out=* && $floor != true ]] && results="${prop#-Dbench.out=}/"; done
log "exit status $status; results in $results"
exit $status
