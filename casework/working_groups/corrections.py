"""Correcting what was recorded when a working group case came in: its "Edit details" page.

What may change, and when:

- A case that has ended is not changed: a detention communication once closed or filed, a
  disappearance once clarified or discontinued. Its record stays as it ended.
- Until the case is transmitted to the Government (still "received"), every detail recorded at
  receipt can be corrected or completed with facts learned later: the State, the dates, the
  language of the letters, the facts and, for a disappearance, the procedure.
- Once transmitted, the facts the Government was sent (`TRANSMITTED_FACTS`) stay as sent; what
  the Government learns later goes through the case's steps and letters. The title (an internal
  label) and the source's details (never sent to anyone) can still be corrected.
- The date of receipt numbers the case ("WGAD 12/2026"): a correction keeps it in that year.
- A disappearance's dates and procedure are checked again by the rule applied at receipt
  (`operations.check_disappearance_dates`): an urgent case must still have been received within
  three months of the disappearance.
- Only those who may know the source (`permissions.can_see_source`) see or change its details;
  for anyone else those fields are not on the page and are never changed.
- The persons concerned are corrected in the persons registry, where every case linking them
  sees the correction; this page does not change them.

Every change goes to the audit trail through the models (the source's values redacted there).
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.writes import Refused
from casework.extensions import db
from casework.working_groups.models import (
    DetentionCommunication, DetentionStatus, DisappearanceCase, DisappearanceStatus, Procedure, WorkingGroupCase,
)
from casework.working_groups.operations import check_disappearance_dates, default_title

SOURCE_FIELDS = ("source_name", "source_contact")
ALWAYS_EDITABLE = ("title", *SOURCE_FIELDS)
TRANSMITTED_FACTS: dict[type[WorkingGroupCase], tuple[str, ...]] = {
    DetentionCommunication: ("state_id", "received_on", "language", "place_of_detention", "arrested_on",
                             "legal_basis", "summary"),
    DisappearanceCase: ("state_id", "received_on", "language", "disappeared_on", "place", "circumstances",
                        "procedure"),
}
ENDED = {
    DetentionStatus.CLOSED: _l("The case is closed: its details can no longer be changed."),
    DetentionStatus.FILED: _l("The case has been filed: its details can no longer be changed."),
    DisappearanceStatus.CLARIFIED: _l("The case is clarified: its details can no longer be changed."),
    DisappearanceStatus.DISCONTINUED: _l("The case is discontinued: its details can no longer be changed."),
}


def edit_refusal(case: WorkingGroupCase) -> str | None:
    """Why the case's details cannot be changed at all, or None when some of them can."""
    reason = ENDED.get(case.status)
    return str(reason) if reason else None


def fixed_fields(case: WorkingGroupCase) -> tuple[str, ...]:
    """The details that stay as they are: after transmittal, the facts the Government was sent."""
    return () if case.status == "received" else TRANSMITTED_FACTS[type(case)]


def editable_fields(case: WorkingGroupCase, see_source: bool) -> tuple[str, ...]:
    """The details this user may change on this case now."""
    fixed = fixed_fields(case)
    names = [n for n in TRANSMITTED_FACTS[type(case)] if n not in fixed] + list(ALWAYS_EDITABLE)
    return tuple(n for n in names if see_source or n not in SOURCE_FIELDS)


def correct_details(case: WorkingGroupCase, changes: dict[str, object], *, see_source: bool) -> list[str]:
    """Apply the corrections and return the names of the details that changed; refused whole when
    the case has ended, a detail may not change or a date breaks a rule. Flushes; the view commits."""
    refusal = edit_refusal(case)
    if refusal:
        raise Refused(refusal)
    values = _normalised(case, changes)
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    allowed = editable_fields(case, see_source)
    not_allowed = [name for name in changed if name not in allowed]
    if not_allowed:
        raise Refused(_not_allowed(case, not_allowed))
    if set(changed) & {"received_on", "disappeared_on", "procedure"}:
        _check_dates(case, values)
    for name in changed:
        setattr(case, name, values[name])
    db.session.flush()
    return changed


def drafted_letter_outdated(case: WorkingGroupCase, changed: list[str]) -> bool:
    """Whether a letter drafted at receipt (the detention transmittal) was written from details that
    have just changed; its text is the drafter's to update, so it is not rewritten."""
    return isinstance(case, DetentionCommunication) and case.status == "received" and \
        bool(set(changed) & set(TRANSMITTED_FACTS[DetentionCommunication]) - {"received_on"})


def _normalised(case: WorkingGroupCase, changes: dict[str, object]) -> dict[str, object]:
    values = dict(changes)
    if "procedure" in values:
        values["procedure"] = Procedure(values["procedure"])
    for name in ("title", "source_name"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "title" in values and not values["title"]:
        what = "Detention" if isinstance(case, DetentionCommunication) else "Disappearance"
        values["title"] = default_title(what, case.subjects)
    return values


def _not_allowed(case: WorkingGroupCase, names: list[str]) -> str:
    if any(name in SOURCE_FIELDS for name in names):
        return _("The source's details are known only to the working group: you cannot change them.")
    on = case.transmitted_on.isoformat() if case.transmitted_on else "—"
    return _("The facts were transmitted to the Government on %(on)s and stay as sent (%(fields)s); "
             "record what was learned since through the case's steps.", on=on, fields=", ".join(names))


def _check_dates(case: WorkingGroupCase, values: dict[str, object]) -> None:
    """The rules on dates that receipt applied, applied again to the corrected dates."""
    received_on: date = values.get("received_on", case.received_on)  # type: ignore[assignment]
    year = case.reference.rsplit("/", 1)[-1] if case.reference else str(received_on.year)
    if str(received_on.year) != year:
        raise Refused(_(
            "%(ref)s is numbered in %(year)s: the date of receipt stays in that year. A case received in another "
            "year is received anew.", ref=case.reference, year=year))
    if isinstance(case, DisappearanceCase):
        check_disappearance_dates(values.get("disappeared_on", case.disappeared_on), received_on,
                                  values.get("procedure", case.procedure))
