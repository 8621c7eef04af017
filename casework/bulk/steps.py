"""The actions of the lists that are not workflow buttons but forms of a record's own page."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.bulk import BulkRun, Step, register_step
from casework.core.permissions import Permission, can
from casework.core.writes import Refused
from casework.letters import operations as letter_ops
from casework.letters.models import Letter, LetterStatus

MARK_SENT = "mark_letter_sent"


def _may_mark_sent(record, user) -> bool:
    return isinstance(record, Letter) and record.status == LetterStatus.FINAL and can(user, Permission.EDIT, record)


def _mark_sent(record, run: BulkRun, actor) -> None:
    """The letter page's "Sent on … How …" form: the same operation, its date the run's (today if none)."""
    if not isinstance(record, Letter):
        raise Refused(_("Only a letter can be marked as sent."))
    letter_ops.mark_sent(record, run.happened_on or date.today(), run.channel, actor)


register_step(Step(MARK_SENT, _l("Mark as sent"), _may_mark_sent, _mark_sent))
