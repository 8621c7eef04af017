"""The worker class of `rq worker --worker-class casework.core.worker.Worker`.

RQ's SimpleWorker (each job in the worker's own process) that stops as soon as it is done.
"""
from __future__ import annotations

from rq import SimpleWorker


class Worker(SimpleWorker):
    """A SimpleWorker whose listening thread is told to end before it is woken.

    A worker listens for commands (stop a job, shut down) on a thread that waits up to 60 s for
    a message. RQ ends it by unsubscribing, whose reply wakes the thread, and then asking it to
    stop. On a busy machine the reply can come first: the thread goes back to waiting, and
    redis-py's `stop()` waits for it, so a worker, a burst worker included, took a minute to
    exit. Asked first, the thread ends on the reply.
    """

    def unsubscribe(self) -> None:
        if self.pubsub_thread is not None:
            self.pubsub_thread.stop(timeout=0)  # ask now; RQ's unsubscribe() wakes it and waits
        super().unsubscribe()
