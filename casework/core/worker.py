"""The worker class of `rq worker --worker-class casework.core.worker.Worker`.

RQ's SimpleWorker (each job in the worker's own process) that stops as soon as it is done.
"""
from __future__ import annotations

from rq import SimpleWorker

# How long the worker's listening thread waits for a command before it looks again whether it
# should stop: the longest a worker takes to exit once its work is done.
LISTENING_SECONDS = 1


class Worker(SimpleWorker):
    """A SimpleWorker whose listening thread looks every second whether it should stop.

    A worker listens for commands (stop a job, shut down) on a thread of its own. RQ's waits up to
    60 s for a message, and is ended by unsubscribing, whose reply wakes it, and then being asked
    to stop. On a busy machine the reply can come first: the thread goes back to waiting, and
    redis-py's `stop()` waits for it, so a worker, a burst worker included, took a minute to
    exit. Asked while the thread reads would let it close the connection the worker is still
    writing to; so the thread waits a second at a time instead.
    """

    def subscribe(self) -> None:
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=LISTENING_SECONDS, daemon=True, exception_handler=self._pubsub_exception_handler)
