#!/usr/bin/env bash
# Local infrastructure for development and tests, without Docker:
#   - Kafka: a real single-node Apache Kafka (KRaft) started by deploy/kafka/kafka.sh
#   - PostgreSQL: the server at DATABASE_URL, which must already run (it is only checked,
#     never started or stopped here)
#
# Usage: deploy/infra.sh up|down|status
#   up      start Kafka (or reuse the one already answering) and check PostgreSQL
#   down    stop the local Kafka broker (PostgreSQL is left alone)
#   status  report both; exit 0 only when both answer
#
# Environment: DATABASE_URL [postgres://postgres@127.0.0.1:5432/postgres]; KAFKA_BROKERS
# (when it is a single 127.0.0.1:<port> / localhost:<port> and KAFKA_PORT is unset, the local
# broker is started on that port; when it names another host, no local broker is started);
# every KAFKA_* variable of deploy/kafka/kafka.sh (KAFKA_VERSION, KAFKA_PORT, KAFKA_DATA_DIR,
# KAFKA_HEAP, ...).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_SH="$SCRIPT_DIR/kafka/kafka.sh"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

say() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Local or external Kafka, from KAFKA_BROKERS when given.
EXTERNAL_KAFKA=""
if [[ -n "${KAFKA_BROKERS:-}" ]]; then
  if [[ "$KAFKA_BROKERS" =~ ^(127\.0\.0\.1|localhost):([0-9]+)$ ]]; then
    if [[ -z "${KAFKA_PORT:-}" ]]; then
      export KAFKA_PORT="${BASH_REMATCH[2]}"
    elif [[ "$KAFKA_PORT" != "${BASH_REMATCH[2]}" ]]; then
      die "KAFKA_BROKERS=$KAFKA_BROKERS and KAFKA_PORT=$KAFKA_PORT disagree"
    fi
  else
    EXTERNAL_KAFKA="$KAFKA_BROKERS"
  fi
fi
KAFKA_PORT="${KAFKA_PORT:-9092}"

redacted_url() { sed -E 's#(://[^:/@]+):[^@/]*@#\1:***@#' <<<"$DATABASE_URL"; }

# Prints the server version; fails with psql's own message on stderr.
check_postgres() {
  command -v psql >/dev/null 2>&1 \
    || die "psql not found: install the PostgreSQL client (apt-get install postgresql-client) to check DATABASE_URL"
  PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}" psql "$DATABASE_URL" -X -A -t -q -v ON_ERROR_STOP=1 \
    -c 'show server_version' 2>&1
}

postgres_up() {
  local out
  if out="$(check_postgres)"; then
    say "PostgreSQL $out answers at $(redacted_url)"
    return 0
  fi
  printf '%s\n' "$out" | sed 's/^/[infra]   psql: /' >&2
  say "PostgreSQL does not answer at $(redacted_url)."
  say "This launcher does not start PostgreSQL: start it (e.g. 'pg_ctlcluster 15 main start'"
  say "or 'service postgresql start'), or point DATABASE_URL at a running server."
  return 1
}

summary() {
  local where
  if [[ -n "$EXTERNAL_KAFKA" ]]; then
    where="$EXTERNAL_KAFKA (external, not managed here)"
  else
    where="127.0.0.1:$KAFKA_PORT (data and logs: ${KAFKA_DATA_DIR:-$(cd "$SCRIPT_DIR/.." && pwd)/.data/kafka-$KAFKA_PORT})"
  fi
  cat >&2 <<EOF
[infra] ready:
[infra]   KAFKA_BROKERS=${EXTERNAL_KAFKA:-127.0.0.1:$KAFKA_PORT}
[infra]   DATABASE_URL=$(redacted_url)
[infra]   Kafka: $where
[infra]   stop Kafka with: deploy/infra.sh down (PostgreSQL keeps running)
EOF
}

cmd_up() {
  if [[ -n "$EXTERNAL_KAFKA" ]]; then
    say "KAFKA_BROKERS=$EXTERNAL_KAFKA is not local: not starting a local broker"
  else
    "$KAFKA_SH" up || die "Kafka did not start (see above)"
  fi
  postgres_up || die "PostgreSQL is not available"
  summary
}

cmd_down() {
  if [[ -n "$EXTERNAL_KAFKA" ]]; then
    say "KAFKA_BROKERS=$EXTERNAL_KAFKA is not local: nothing to stop"
  else
    "$KAFKA_SH" down
  fi
  say "PostgreSQL left running (never stopped by this script)"
}

cmd_status() {
  local rc=0 out
  if [[ -n "$EXTERNAL_KAFKA" ]]; then
    echo "kafka: external $EXTERNAL_KAFKA (not checked)"
  elif out="$("$KAFKA_SH" status)"; then
    echo "kafka: $out"
  else
    echo "kafka: $out"
    rc=1
  fi
  if out="$(check_postgres)"; then
    echo "postgresql: running: PostgreSQL $out at $(redacted_url)"
  else
    echo "postgresql: not answering at $(redacted_url): $(tr '\n' ' ' <<<"$out")"
    rc=1
  fi
  return "$rc"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
