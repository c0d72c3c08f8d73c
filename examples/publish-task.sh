#!/bin/sh
# Publishes one fetch_prices task onto yahoo_tasks with redis-cli, writing what SPLit's Java
# TaskPublisher writes: the envelope onto the ready list and its task_created and task_queued
# events onto the queue's events stream, in one Lua script, so that no worker and no journal ever
# sees the task without its events.
#
# Usage: examples/publish-task.sh [TICKER...]          (default: AAPL)
# Environment: REDIS_URL (default redis://127.0.0.1:6379), SPLIT_KEY_PREFIX (default split).
# Prints the task id. Needs redis-cli (Debian: redis-tools) and GNU date.
set -eu

redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
prefix=${SPLIT_KEY_PREFIX:-split}
[ "$#" -gt 0 ] || set -- AAPL

# A UUIDv7 (RFC 9562): 48 bits of Unix time in ms, the version 7, 12 random bits, the variant 10
# and 62 random bits.
uuid7() {
    ms=$(date +%s%3N)
    case $ms in *[!0-9]*) echo "publish-task.sh needs GNU date (date +%N)" >&2; exit 1 ;; esac
    variant=$(printf '%x' $(($(od -An -N1 -tu1 /dev/urandom) % 4 + 8)))
    printf '%012x%s\n' "$ms" "$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')" |
        sed "s/^\(.\{8\}\)\(.\{4\}\)\(.\{3\}\)\(.\{3\}\)\(.\{12\}\)$/\1-\2-7\3-$variant\4-\5/"
}

# Symbols only (as com.split.tasks.Symbols allows): a ticker then needs no escaping in the JSON.
tickers=
for ticker; do
    case $ticker in
        '' | *[![:upper:][:digit:].=^-]*) echo "not a ticker symbol: '$ticker'" >&2; exit 2 ;;
    esac
    tickers=${tickers:+$tickers,}\"$ticker\"
done

task_id=$(uuid7)
now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
# The envelope (task-envelope-v1.json) with every required field; the optional ones
# (parent_task_id, expires_at, idempotency_key, traceparent, reply_to) are left out.
envelope=$(printf '{"schema_version":1,"task_id":"%s","task_type":"fetch_prices",'\
'"queue":"yahoo_tasks","attempt":0,"max_retries":5,"timeout_ms":60000,'\
'"initiator":{"module":"examples","instance":"%s"},"target_module":"yahoo-gateway",'\
'"user_id":"user_zero","session_id":"example-%s","created_at":"%s","tickers":[%s],"payload":{}}' \
    "$task_id" "$(uname -n)" "$task_id" "$now" "$tickers")

# KEYS[1] ready list, KEYS[2] events stream; ARGV[1] envelope, ARGV[2] task id, ARGV[3] the time
# of both events, ARGV[4] and ARGV[5] the event ids of task_created and task_queued.
# The fields are those of TaskCodec.streamFields: event-srv takes the rest (user, session,
# tickers, ...) from the envelope that task_created carries.
script='
redis.call("LPUSH", KEYS[1], ARGV[1])
redis.call("XADD", KEYS[2], "*", "event_id", ARGV[4], "event_type", "task_created",
    "task_id", ARGV[2], "task_type", "fetch_prices", "attempt", "0", "occurred_at", ARGV[3],
    "envelope", ARGV[1])
redis.call("XADD", KEYS[2], "*", "event_id", ARGV[5], "event_type", "task_queued",
    "task_id", ARGV[2], "task_type", "fetch_prices", "attempt", "0", "occurred_at", ARGV[3])
return ARGV[2]'

# Both keys carry the hash tag {yahoo_tasks}: one Redis Cluster slot, whose node -c follows.
reply=$(redis-cli -c -u "$redis_url" --no-auth-warning EVAL "$script" 2 \
    "$prefix:{yahoo_tasks}:ready" "$prefix:{yahoo_tasks}:events" \
    "$envelope" "$task_id" "$now" "$(uuid7)" "$(uuid7)")
[ "$reply" = "$task_id" ] || { echo "publish failed: $reply" >&2; exit 1; }
echo "$task_id"
