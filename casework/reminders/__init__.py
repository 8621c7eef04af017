"""Deadlines and reminders: the daily deadline check, notifications, the digest and e-mail.

The daily jobs are declared once in `schedule.py`; production runs them from `rq cron`, the
embedded default from a scheduler thread in the web process.
"""
