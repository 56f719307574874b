#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft: broker + controller in one JVM), assembled from the
# Apache Kafka artifacts on Maven Central. No Docker, no tarball download.
# Why this Kafka line: docs/adr/0002-kafka-version.md.
#
# Usage: deploy/kafka/kafka.sh fetch|up|down|status|reset|help
#
#   fetch   resolve the broker classpath into the cache (once per version; marker file)
#   up      fetch if needed, start the broker in the background and wait until it answers
#           metadata requests; reuses whatever already answers as Kafka on KAFKA_PORT
#   down    stop the broker started from KAFKA_DATA_DIR (SIGTERM, then SIGKILL after 30 s)
#   status  "running" (exit 0) or "not running" (exit 1)
#   reset   down, then delete KAFKA_DATA_DIR (all topics and offsets)
#
# Environment (defaults in brackets):
#   KAFKA_VERSION          Kafka release from Maven Central (3.x: -Pkafka3 logging is picked)
#                                                                      [4.4.0]
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1             [9092]
#   KAFKA_CONTROLLER_PORT  KRaft controller listener on 127.0.0.1      [KAFKA_PORT+1]
#   KAFKA_DATA_DIR         server.properties, log dirs, pid, logs      [$REPO_ROOT/.data/kafka-$KAFKA_PORT]
#   KAFKA_HEAP             JVM heap flags                              [-Xms256m -Xmx512m]
#   KAFKA_OPTS             extra JVM flags for the broker              []
#   KAFKA_READY_TIMEOUT    seconds `up` waits for the broker           [90]
#   KAFKA_STOP_TIMEOUT     seconds `down` waits before SIGKILL         [30]
#   SAGSSPOR_CACHE         cache root; classpath in $SAGSSPOR_CACHE/kafka/<version>/libs
#                                                                      [$REPO_ROOT/.cache]
#   JAVA_HOME              used when set (java 17+ required)
#
# Several brokers may run at once: give each its own KAFKA_PORT (and so, by default, its own
# controller port and data dir), e.g. KAFKA_PORT=19092 deploy/kafka/kafka.sh up.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# Keep in step with <kafka.version> in pom.xml and docs/adr/0002-kafka-version.md.
DEFAULT_KAFKA_VERSION="4.4.0"

KAFKA_VERSION="${KAFKA_VERSION:-$DEFAULT_KAFKA_VERSION}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
[[ "$KAFKA_PORT" =~ ^[0-9]+$ ]] || { echo "[kafka] ERROR: KAFKA_PORT='$KAFKA_PORT' is not a port number" >&2; exit 1; }
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/.data/kafka-$KAFKA_PORT}"
[[ "$KAFKA_DATA_DIR" == /* ]] || KAFKA_DATA_DIR="$PWD/$KAFKA_DATA_DIR"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
CACHE_ROOT="${SAGSSPOR_CACHE:-$REPO_ROOT/.cache}"
[[ "$CACHE_ROOT" == /* ]] || CACHE_ROOT="$PWD/$CACHE_ROOT"

KAFKA_HOME="$CACHE_ROOT/kafka/$KAFKA_VERSION"
LIBS_DIR="$KAFKA_HOME/libs"
PROBE_DIR="$KAFKA_HOME/probe"
FETCH_MARKER="$KAFKA_HOME/.fetch-complete"

PROPS_FILE="$KAFKA_DATA_DIR/server.properties"
LOG_DIRS="$KAFKA_DATA_DIR/kraft-logs"
APP_LOG_DIR="$KAFKA_DATA_DIR/logs"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
OUT_FILE="$KAFKA_DATA_DIR/kafka.out"
DATA_MARKER="$KAFKA_DATA_DIR/.sagsspor-kafka"
VERSION_FILE="$KAFKA_DATA_DIR/kafka.version" # the version last started from this data dir
LOCK_FILE="$KAFKA_DATA_DIR/.launcher.lock"

KAFKA_MAJOR="${KAFKA_VERSION%%.*}"

log() { printf '[kafka:%s] %s\n' "$KAFKA_PORT" "$*" >&2; }
die() { printf '[kafka:%s] ERROR: %s\n' "$KAFKA_PORT" "$*" >&2; exit 1; }

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
  JAVAC="$JAVA_HOME/bin/javac"
else
  JAVA="java"
  JAVAC="javac"
fi

validate_config() {
  [[ "$KAFKA_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][A-Za-z0-9.-]+)?$ ]] \
    || die "KAFKA_VERSION='$KAFKA_VERSION' is not a Kafka release number (e.g. $DEFAULT_KAFKA_VERSION)"
  (( KAFKA_MAJOR >= 3 )) || die "KAFKA_VERSION=$KAFKA_VERSION: only Kafka 3.x/4.x (KRaft) are supported"
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$KAFKA_READY_TIMEOUT" "$KAFKA_STOP_TIMEOUT"; do
    [[ "$p" =~ ^[0-9]+$ ]] || die "expected a number, got '$p' (KAFKA_PORT/KAFKA_CONTROLLER_PORT/timeouts)"
  done
  (( KAFKA_PORT > 0 && KAFKA_PORT < 65536 && KAFKA_CONTROLLER_PORT > 0 && KAFKA_CONTROLLER_PORT < 65536 )) \
    || die "ports must be in 1..65535"
  [[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH ($2)"; }

now_ms() { date +%s%3N; }

# ---------------------------------------------------------------------------------------------
# Logging backend per Kafka line (Kafka itself ships only the SLF4J API).
# ---------------------------------------------------------------------------------------------
select_logging_backend() {
  if (( KAFKA_MAJOR >= 4 )); then
    MVN_PROFILE="kafka4"
    LOG_CONFIG_OPTS=("-Dlog4j2.configurationFile=$SCRIPT_DIR/log4j2.yaml")
  else
    MVN_PROFILE="kafka3"
    LOG_CONFIG_OPTS=("-Dlog4j.configuration=file:$SCRIPT_DIR/log4j.properties")
  fi
}

# ---------------------------------------------------------------------------------------------
# Readiness probe: a tiny Admin-client program compiled once per cached version. It succeeds
# only when the broker answers DescribeCluster with at least one (unfenced) broker and
# answers ListTopics, i.e. clients can really use it. (kafka_2.13 does not bring the CLI
# tools: those live in kafka-tools, which drags in Kafka Connect.)
# ---------------------------------------------------------------------------------------------
probe_source() {
  cat <<'JAVA'
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;

/**
 * KafkaReadyProbe <bootstrap> <wait-ms> [broker-pid]
 * Retries until the broker answers DescribeCluster with at least one live (unfenced) broker
 * and answers ListTopics, or until wait-ms has passed. Exit 0: ready (prints a summary);
 * 1: not ready in time (prints the last error); 3: broker-pid exited meanwhile.
 */
public final class KafkaReadyProbe {
  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args[0];
    long deadline = System.currentTimeMillis() + Long.parseLong(args[1]);
    Optional<ProcessHandle> broker =
        args.length > 2 ? ProcessHandle.of(Long.parseLong(args[2])) : Optional.empty();
    if (args.length > 2 && broker.isEmpty()) {
      System.out.println("broker process " + args[2] + " is gone");
      System.exit(3);
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("client.id", "sagsspor-kafka-ready-probe");
    p.put("request.timeout.ms", "2000");
    p.put("default.api.timeout.ms", "3000");
    p.put("socket.connection.setup.timeout.ms", "1000");
    p.put("socket.connection.setup.timeout.max.ms", "1000");
    p.put("reconnect.backoff.ms", "100");
    p.put("reconnect.backoff.max.ms", "250");
    p.put("retry.backoff.ms", "100");
    p.put("retry.backoff.max.ms", "250");
    String last = "no answer";
    int code = 1;
    Admin admin = Admin.create(p);
    try {
      while (true) {
        if (broker.isPresent() && !broker.get().isAlive()) {
          System.out.println("broker process " + args[2] + " exited");
          code = 3;
          break;
        }
        int callMs = (int) Math.max(500, Math.min(3000, deadline - System.currentTimeMillis()));
        try {
          DescribeClusterResult cluster =
              admin.describeCluster(new DescribeClusterOptions().timeoutMs(callMs));
          Collection<Node> nodes = cluster.nodes().get();
          String clusterId = cluster.clusterId().get();
          int topics = admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(callMs))
              .names().get().size();
          if (!nodes.isEmpty()) {
            System.out.println("cluster " + clusterId + ", " + nodes.size() + " broker(s), "
                + topics + " topic(s)");
            code = 0;
            break;
          }
          last = "no live broker in the metadata yet";
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          last = c.getClass().getSimpleName() + ": " + c.getMessage();
        }
        if (System.currentTimeMillis() >= deadline) {
          System.out.println(last);
          break;
        }
        Thread.sleep(200);
      }
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
    System.exit(code);
  }
}
JAVA
}

probe_fingerprint() { probe_source | sha256sum | cut -d' ' -f1; }

# Compiles the probe when missing or changed (needs the classpath; done under the fetch lock).
ensure_probe() {
  [[ "$(cat "$PROBE_DIR/.fingerprint" 2>/dev/null || true)" != "$(probe_fingerprint)" ]] || return 0
  if ! command -v "$JAVAC" >/dev/null 2>&1; then
    [[ -d "$PROBE_DIR" ]] || log "warning: no javac (JDK) found: readiness falls back to a TCP check only"
    mkdir -p "$PROBE_DIR"
    return 0
  fi
  rm -rf "$PROBE_DIR"
  mkdir -p "$PROBE_DIR"
  probe_source >"$PROBE_DIR/KafkaReadyProbe.java"
  "$JAVAC" -nowarn -d "$PROBE_DIR" -cp "$LIBS_DIR/*" "$PROBE_DIR/KafkaReadyProbe.java" \
    || die "could not compile the readiness probe"
  probe_fingerprint >"$PROBE_DIR/.fingerprint"
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }

# probe <wait-ms> [pid]: retries for up to wait-ms; prints one summary line; exit 0 when the
# broker is usable, 3 when [pid] exited meanwhile, else 1.
probe() {
  local wait_ms="$1" pid="${2:-}"
  if [[ ! -f "$PROBE_DIR/KafkaReadyProbe.class" ]]; then # no JDK: TCP check only
    local deadline=$(( $(now_ms) + wait_ms ))
    while :; do
      port_open "$KAFKA_PORT" && { echo "port $KAFKA_PORT open (TCP check only)"; return 0; }
      [[ -z "$pid" ]] || kill -0 "$pid" 2>/dev/null || { echo "broker process $pid exited"; return 3; }
      (( $(now_ms) < deadline )) || { echo "port $KAFKA_PORT closed"; return 1; }
      sleep 0.5
    done
  fi
  # Client-side logging is irrelevant here: silence it (Log4j 2 and reload4j alike).
  "$JAVA" -Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j2.level=OFF -Dlog4j2.statusLoggerLevel=OFF -Dlog4j.configuration=file:/dev/null \
    -cp "$PROBE_DIR:$LIBS_DIR/*" KafkaReadyProbe "127.0.0.1:$KAFKA_PORT" "$wait_ms" ${pid:+"$pid"} 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------------
# The marker holds a hash of the version, the profile and the pom: editing the pom re-fetches.
fetch_fingerprint() {
  { echo "kafka=$KAFKA_VERSION profile=$MVN_PROFILE"; cat "$SCRIPT_DIR/pom.xml"; } \
    | sha256sum | cut -d' ' -f1
}

fetch_is_complete() {
  [[ -f "$FETCH_MARKER" && -f "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" ]] || return 1
  [[ "$(head -n1 "$FETCH_MARKER")" == "$(fetch_fingerprint)" ]] || return 1
  [[ "$(cat "$PROBE_DIR/.fingerprint" 2>/dev/null || true)" == "$(probe_fingerprint)" ]] \
    || ! command -v "$JAVAC" >/dev/null 2>&1
}

cmd_fetch() { # cmd_fetch [quiet]
  if fetch_is_complete; then
    [[ "${1:-}" == quiet ]] || log "classpath for Kafka $KAFKA_VERSION already in $LIBS_DIR"
    return 0
  fi
  need mvn "Maven 3.6+ fetches the Kafka jars from Maven Central"
  need "$JAVA" "Java 17+ runs the broker"
  mkdir -p "$KAFKA_HOME"
  # Serialise concurrent fetches of the same version (parallel test runs).
  exec 8>"$KAFKA_HOME/.fetch.lock"
  flock 8
  if [[ -f "$FETCH_MARKER" && -f "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" \
        && "$(head -n1 "$FETCH_MARKER")" == "$(fetch_fingerprint)" ]]; then
    ensure_probe # classpath complete (maybe by a concurrent fetch); only the probe was stale
    exec 8>&-
    return 0
  fi
  log "fetching Kafka $KAFKA_VERSION (+ $MVN_PROFILE logging backend) from Maven Central into $LIBS_DIR"
  local started tmp
  started="$(now_ms)"
  tmp="$KAFKA_HOME/libs.partial"
  rm -rf "$tmp" "$FETCH_MARKER"
  # Output goes to a log (Maven 3.8 on Debian prints stray ANSI resets even with -B -q);
  # it is shown only when mvn fails.
  if ! mvn -B -q -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" -P "$MVN_PROFILE" \
      -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      >"$KAFKA_HOME/fetch.log" 2>&1; then
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' "$KAFKA_HOME/fetch.log" | tail -n 30 >&2
    rm -rf "$tmp"
    die "mvn could not resolve org.apache.kafka:kafka_2.13:$KAFKA_VERSION (is it on Maven Central?)"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  if [[ -d "$LIBS_DIR" ]] && diff -q <(ls "$tmp") <(ls "$LIBS_DIR") >/dev/null 2>&1; then
    rm -rf "$tmp" # same jars (versioned names): keep the dir that running brokers use
  else
    rm -rf "$LIBS_DIR"
    mv "$tmp" "$LIBS_DIR"
  fi
  ensure_probe
  { fetch_fingerprint; echo "kafka_version=$KAFKA_VERSION"; echo "fetched_at=$(date -Is)"; } >"$FETCH_MARKER"
  log "classpath ready: $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars in $(( ($(now_ms) - started) / 1000 )) s"
  exec 8>&-
}

# ---------------------------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------------------------
# The pid of the broker started from this data dir, if it is still that process.
own_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid args
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    args="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  else
    args="$(ps -ww -o args= -p "$pid" 2>/dev/null || true)"
  fi
  [[ "$args" == *kafka.Kafka* && "$args" == *"$PROPS_FILE"* ]] || return 1
  echo "$pid"
}

running_version() {
  local v pid
  v="$(cat "$VERSION_FILE" 2>/dev/null || true)"
  if [[ -z "$v" ]] && pid="$(own_pid)" && [[ -r "/proc/$pid/cmdline" ]]; then
    # Started before kafka.version existed: the classpath names the cached version.
    v="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's#.*/kafka/\([^/]*\)/libs/\*$#\1#p' | head -n1)"
  fi
  echo "${v:-(version unknown)}"
}

with_lock() {
  mkdir -p "$KAFKA_DATA_DIR"
  exec 9>"$LOCK_FILE"
  flock 9
}

show_logs() {
  local f
  for f in "$OUT_FILE" "$APP_LOG_DIR/server.log"; do
    if [[ -s "$f" ]]; then
      printf -- '----- tail of %s -----\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

write_properties() {
  mkdir -p "$LOG_DIRS" "$APP_LOG_DIR"
  touch "$DATA_MARKER"
  {
    echo "# Written by deploy/kafka/kafka.sh on every 'up'; edits are overwritten."
    echo "# Single-node KRaft: one JVM is broker and controller. Kafka $KAFKA_VERSION."
    echo "process.roles=broker,controller"
    echo "node.id=1"
    # Static quorum (works on every KRaft line, and survives a changed controller port).
    echo "controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT"
    echo "listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT"
    echo "advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT"
    echo "inter.broker.listener.name=PLAINTEXT"
    echo "controller.listener.names=CONTROLLER"
    echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    echo "log.dirs=$LOG_DIRS"
    echo
    echo "# One node: every internal topic with replication factor 1 / min ISR 1."
    echo "default.replication.factor=1"
    echo "min.insync.replicas=1"
    echo "offsets.topic.replication.factor=1"
    echo "offsets.topic.num.partitions=10"
    echo "transaction.state.log.replication.factor=1"
    echo "transaction.state.log.min.isr=1"
    echo "transaction.state.log.num.partitions=10"
    if (( KAFKA_MAJOR >= 4 )); then
      echo "share.coordinator.state.topic.replication.factor=1"
      echo "share.coordinator.state.topic.min.isr=1"
    fi
    echo
    echo "auto.create.topics.enable=true"
    echo "delete.topic.enable=true"
    echo "num.partitions=3"
    echo "# Broker default: keep everything. Sagsspor's topics carry their own retention, set by the"
    echo "# services from libs/contracts/src/topics.ts (ADR 0097); this launcher creates no topic."
    echo "log.retention.ms=-1"
    echo "log.retention.bytes=-1"
    echo "group.initial.rebalance.delay.ms=0"
    echo "num.network.threads=2"
    echo "num.io.threads=4"
  } >"$PROPS_FILE.tmp"
  mv "$PROPS_FILE.tmp" "$PROPS_FILE"
}

run_java() { # run_java <main class> <args...>: a short-lived Kafka JVM on the broker classpath
  "$JAVA" -Xms64m -Xmx256m -Dkafka.logs.dir="$APP_LOG_DIR" "${LOG_CONFIG_OPTS[@]}" \
    -cp "$LIBS_DIR/*" "$@"
}

format_storage() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  cluster_id="$(run_java kafka.tools.StorageTool random-uuid 2>>"$APP_LOG_DIR/format.log" | tail -n1)"
  [[ -n "$cluster_id" ]] || die "StorageTool random-uuid failed (see $APP_LOG_DIR/format.log)"
  if ! run_java kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS_FILE" \
      >>"$APP_LOG_DIR/format.log" 2>&1; then
    cat "$APP_LOG_DIR/format.log" >&2
    die "formatting KRaft storage in $LOG_DIRS failed"
  fi
  log "formatted KRaft storage in $LOG_DIRS (cluster id $cluster_id)"
}

start_broker() {
  local -a heap opts
  read -r -a heap <<<"$KAFKA_HEAP"
  read -r -a opts <<<"$KAFKA_OPTS"
  : >"$OUT_FILE"
  echo "$KAFKA_VERSION" >"$VERSION_FILE"
  # setsid: the broker outlives the calling shell and its process group (test runners that
  # kill their group on exit do not take it down). The pid written is the JVM's (exec).
  # fds 8/9 (launcher locks) are closed so the broker never holds them.
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner bash
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-launch "$PID_FILE" \
    "$JAVA" "${heap[@]}" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    -Dkafka.logs.dir="$APP_LOG_DIR" "${LOG_CONFIG_OPTS[@]}" \
    "${opts[@]}" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" \
    </dev/null >>"$OUT_FILE" 2>&1 8>&- 9>&- &
  local _
  for _ in $(seq 1 50); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
}

# wait_ready <started-at-ms>: 0 when ready; dies (with log tails) on crash or timeout.
wait_ready() {
  local started="$1" remaining result rc=0 pid
  pid="$(own_pid)" || { show_logs; die "the broker exited during startup (data dir $KAFKA_DATA_DIR)"; }
  remaining=$(( started + KAFKA_READY_TIMEOUT * 1000 - $(now_ms) ))
  (( remaining > 1000 )) || remaining=1000
  result="$(probe "$remaining" "$pid")" || rc=$?
  if (( rc == 0 )); then
    log "ready on 127.0.0.1:$KAFKA_PORT after $(( $(now_ms) - started ))ms: $result (pid $pid)"
    return 0
  fi
  show_logs
  if (( rc == 3 )) || ! own_pid >/dev/null; then
    rm -f "$PID_FILE"
    die "the broker exited during startup (data dir $KAFKA_DATA_DIR)"
  fi
  log "not ready after ${KAFKA_READY_TIMEOUT}s (last check: $result): stopping it"
  stop_pid "$pid"
  die "Kafka $KAFKA_VERSION did not become ready on 127.0.0.1:$KAFKA_PORT within ${KAFKA_READY_TIMEOUT}s (logs in $KAFKA_DATA_DIR)"
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
cmd_up() {
  cmd_fetch quiet
  need "$JAVA" "Java 17+ runs the broker"
  with_lock
  local pid started result
  started="$(now_ms)"

  if pid="$(own_pid)"; then
    if result="$(probe 3000)"; then
      log "Kafka $(running_version) already running from $KAFKA_DATA_DIR (pid $pid): reusing it — $result"
      return 0
    fi
    log "broker pid $pid from $KAFKA_DATA_DIR is still starting; waiting"
    wait_ready "$started"
    return 0
  fi
  rm -f "$PID_FILE"

  if port_open "$KAFKA_PORT"; then
    # Something else listens (another launcher, another data dir, docker-compose...).
    # It may still be starting: give it the ready timeout.
    if result="$(probe $(( KAFKA_READY_TIMEOUT * 1000 )))"; then
      log "a Kafka broker already answers on 127.0.0.1:$KAFKA_PORT (not started from $KAFKA_DATA_DIR): reusing it — $result"
      return 0
    fi
    die "127.0.0.1:$KAFKA_PORT is in use but does not answer as a Kafka broker ($result); pick another KAFKA_PORT"
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    die "controller port 127.0.0.1:$KAFKA_CONTROLLER_PORT is in use; set KAFKA_CONTROLLER_PORT (or another KAFKA_PORT)"
  fi

  local java_major need_java=11
  (( KAFKA_MAJOR < 4 )) || need_java=17 # Kafka 4.x brokers need Java 17+ (3.x: 11+)
  java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if [[ "$java_major" =~ ^[0-9]+ ]] && (( ${java_major%%.*} < need_java )); then
    die "Kafka $KAFKA_VERSION needs Java $need_java+, found Java $java_major ($JAVA); set JAVA_HOME"
  fi

  write_properties
  format_storage
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT, data $KAFKA_DATA_DIR, heap '$KAFKA_HEAP')"
  start_broker
  wait_ready "$started"
}

# stop_pid <pid>: SIGTERM, wait up to KAFKA_STOP_TIMEOUT, then SIGKILL; removes the pid file.
stop_pid() {
  local pid="$1" waited=0
  log "stopping broker pid $pid (SIGTERM, up to ${KAFKA_STOP_TIMEOUT}s)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= KAFKA_STOP_TIMEOUT * 10 )); then
      log "still alive after ${KAFKA_STOP_TIMEOUT}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      continue
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done
  rm -f "$PID_FILE"
  log "stopped after $(( waited / 10 )).$(( waited % 10 ))s"
}

cmd_down() {
  if [[ ! -d "$KAFKA_DATA_DIR" ]]; then
    log "not running (no data dir $KAFKA_DATA_DIR)"
    return 0
  fi
  with_lock
  local pid
  if ! pid="$(own_pid)"; then
    rm -f "$PID_FILE"
    if port_open "$KAFKA_PORT"; then
      log "not running from $KAFKA_DATA_DIR; note: something else serves 127.0.0.1:$KAFKA_PORT (left alone)"
    else
      log "not running"
    fi
    return 0
  fi
  stop_pid "$pid"
}

cmd_status() {
  local pid result
  if pid="$(own_pid)"; then
    if result="$(probe 3000)"; then
      echo "running: Kafka $(running_version) pid $pid on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT), data $KAFKA_DATA_DIR — $result"
      return 0
    fi
    echo "not running: pid $pid from $KAFKA_DATA_DIR is alive but does not answer on 127.0.0.1:$KAFKA_PORT yet ($result)"
    return 1
  fi
  if port_open "$KAFKA_PORT" && result="$(probe 3000)"; then
    echo "running: a Kafka broker answers on 127.0.0.1:$KAFKA_PORT (not started from $KAFKA_DATA_DIR) — $result"
    return 0
  fi
  echo "not running: nothing answers as Kafka on 127.0.0.1:$KAFKA_PORT (data dir $KAFKA_DATA_DIR)"
  return 1
}

cmd_reset() {
  cmd_down
  if [[ ! -e "$KAFKA_DATA_DIR" ]]; then
    log "nothing to delete ($KAFKA_DATA_DIR does not exist)"
    return 0
  fi
  local dir
  dir="$(cd "$KAFKA_DATA_DIR" && pwd -P)"
  case "$dir" in
    / | "$HOME" | "$(cd "$REPO_ROOT" && pwd -P)") die "refusing to delete $dir" ;;
  esac
  [[ -f "$DATA_MARKER" || -f "$PROPS_FILE" ]] \
    || die "refusing to delete $dir: it does not look like a kafka.sh data dir"
  rm -rf -- "$dir"
  log "deleted $dir"
}

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

validate_config
select_logging_backend
case "${1:-help}" in
  fetch) cmd_fetch ;;
  up) cmd_up ;;
  down | stop) cmd_down ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
