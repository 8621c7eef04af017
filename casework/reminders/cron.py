"""The production schedule for RQ's cron scheduler.

    rq cron --url "$CASEWORK_REDIS_URL" casework.reminders.cron

It queues `tick` every five minutes; `tick` queues the daily jobs of `schedule.SCHEDULE` that are
due and not yet claimed today, so the scheduler may be restarted, or run twice, without a job
running twice. Run it from the project directory (RQ adds it to the import path).
"""
from __future__ import annotations

import os

from rq import cron

from casework.reminders.schedule import tick

TICK_SECONDS = int(os.environ.get("CASEWORK_SCHEDULER_TICK_SECONDS") or 300)

cron.register(tick, queue_name=os.environ.get("CASEWORK_QUEUE", "casework"), interval=TICK_SECONDS,
              job_timeout=120)
