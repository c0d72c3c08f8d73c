#!/usr/bin/env python3
"""Publishes one fetch_prices task onto yahoo_tasks with redis-py, writing what SPLit's Java
TaskPublisher writes: the envelope onto the ready list and its task_created and task_queued events
onto the queue's events stream, in one MULTI/EXEC transaction.

Usage: examples/publish_task.py [TICKER ...]          (default: AAPL)
Environment: REDIS_URL (default redis://127.0.0.1:6379), SPLIT_KEY_PREFIX (default split).
Prints the task id. Needs redis-py (Debian: python3-redis; pip: redis).
"""
import json
import os
import socket
import sys
import time
import uuid
from datetime import datetime, timezone

import redis

QUEUE = "yahoo_tasks"

# The required fields of task-envelope-v1.json and the JSON type of each.
REQUIRED = {
    "schema_version": int, "task_id": str, "task_type": str, "queue": str, "initiator": dict,
    "target_module": str, "user_id": str, "session_id": str, "tickers": list, "payload": dict,
    "created_at": str, "attempt": int, "max_retries": int, "timeout_ms": int,
}


def uuid7() -> str:
    """A UUIDv7 (RFC 9562): 48 bits of Unix time in ms, the version 7, 12 random bits, the
    variant 10 and 62 random bits. Python 3.14 has uuid.uuid7()."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a, rand_b = (rand >> 62) & 0xFFF, rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b))


def new_task(tickers: list[str]) -> dict:
    task_id = uuid7()
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {
        "schema_version": 1, "task_id": task_id, "task_type": "fetch_prices", "queue": QUEUE,
        "attempt": 0, "max_retries": 5, "timeout_ms": 60_000,
        "initiator": {"module": "examples", "instance": f"{socket.gethostname()}:{os.getpid()}"},
        "target_module": "yahoo-gateway", "user_id": "user_zero",
        "session_id": f"example-{task_id}", "created_at": now, "tickers": tickers, "payload": {},
    }


def validate(task: dict) -> None:
    """Refuses what a worker would dead-letter as a schema failure: a required field missing,
    null or of the wrong type."""
    initiator = task["initiator"] if isinstance(task.get("initiator"), dict) else {}
    wrong = [name for name, kind in REQUIRED.items() if not isinstance(task.get(name), kind)]
    wrong += [f"initiator.{name}" for name in ("module", "instance")
              if not isinstance(initiator.get(name), str)]
    if wrong:
        raise ValueError(f"envelope fields missing or of the wrong type: {', '.join(wrong)}")


def publish(client: redis.Redis, prefix: str, task: dict) -> None:
    validate(task)
    envelope = json.dumps(task, separators=(",", ":"))
    # Every key of a queue carries the hash tag {yahoo_tasks}: one Redis Cluster slot.
    ready, events = f"{prefix}:{{{QUEUE}}}:ready", f"{prefix}:{{{QUEUE}}}:events"
    # The fields are those of TaskCodec.streamFields: event-srv takes the rest (user, session,
    # tickers, ...) from the envelope that task_created carries.
    event = {"task_id": task["task_id"], "task_type": task["task_type"], "attempt": 0,
             "occurred_at": task["created_at"]}
    # MULTI ... EXEC: Redis runs the three writes back to back, or none if EXEC never arrives.
    with client.pipeline(transaction=True) as tx:
        tx.lpush(ready, envelope)
        tx.xadd(events, {"event_id": uuid7(), "event_type": "task_created", **event,
                         "envelope": envelope})
        tx.xadd(events, {"event_id": uuid7(), "event_type": "task_queued", **event})
        tx.execute()


def main() -> None:
    task = new_task(sys.argv[1:] or ["AAPL"])
    client = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"))
    publish(client, os.environ.get("SPLIT_KEY_PREFIX", "split"), task)
    print(task["task_id"])


if __name__ == "__main__":
    main()
