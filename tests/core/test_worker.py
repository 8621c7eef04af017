"""The worker class of production's `rq worker`: it stops when its work is done."""
from __future__ import annotations

import threading
import time
import uuid

import fakeredis
import pytest
from redis import Redis
from redis.client import PubSub
from rq import Queue

from casework.core.worker import Worker
from tests.conftest import REDIS_URL


@pytest.fixture
def busy_machine(monkeypatch):
    """The worker's main thread loses the processor just after it unsubscribes, as on a loaded
    machine: the listening thread reads the reply before the worker asks it to stop."""
    unsubscribe = PubSub.unsubscribe

    def unsubscribe_then_lose_the_processor(self, *channels):
        sent = unsubscribe(self, *channels)
        time.sleep(0.5)
        return sent

    monkeypatch.setattr(PubSub, "unsubscribe", unsubscribe_then_lose_the_processor)


class _InThread(Worker):
    """The worker run on a thread of the test: signals stay the main thread's."""

    def _install_signal_handlers(self) -> None:
        pass


def _burst_ends_within(connection, seconds: float) -> bool:
    queue = Queue(f"casework-test-{uuid.uuid4().hex}", connection=connection)
    worker = _InThread([queue], connection=connection)
    burst = threading.Thread(target=worker.work, kwargs={"burst": True, "logging_level": "WARNING"}, daemon=True)
    burst.start()
    burst.join(timeout=seconds)
    return not burst.is_alive()


def test_a_burst_worker_with_nothing_to_do_exits_on_a_busy_machine(busy_machine):
    assert _burst_ends_within(fakeredis.FakeRedis(server=fakeredis.FakeServer()), 15)


@pytest.mark.redis
def test_a_burst_worker_on_a_real_redis_exits_on_a_busy_machine(busy_machine):
    # RQ's own SimpleWorker waited out its listener's 60-second poll here.
    connection = Redis.from_url(REDIS_URL)
    try:
        assert _burst_ends_within(connection, 15)
    finally:
        connection.close()
