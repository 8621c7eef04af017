"""The bulk bar of every case list, the action it posts, and the page of its result."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework.auth.models import Membership, User
from casework.bulk import steps
from casework.bulk.forms import BulkForm
from casework.cases.forms import ConfirmForm
from casework.core import bulk
from casework.core.cases import Case
from casework.core.forms import choices, form_refusal
from casework.core.writes import Again, Refused, again_at, write
from casework.extensions import db

bp = Blueprint("bulk", __name__, url_prefix="/bulk")


@dataclass(frozen=True)
class Bar:
    """What a list draws for bulk actions: the form, and each row's actions (for the script that
    keeps the bar to the actions common to the ticked rows)."""

    form: BulkForm
    actions_of: dict[int, list[str]]


@bp.app_template_global()
def bulk_bar(records: Iterable[Case]) -> Bar | None:
    """The bar over a page of records, or None when the user may do nothing to any of them."""
    if not current_user.is_authenticated:
        return None
    records = list(records)
    # The user itself rather than the proxy: the policy reads it a few hundred times for a page.
    offers, actions_of = bulk.offered(records, current_user._get_current_object())
    if not offers:
        return None
    form = BulkForm(formdata=None, back=request.full_path.rstrip("?"))
    form.action.choices = [(offer.value, str(offer.label)) for offer in offers]
    if any(bulk.ASSIGN in values for values in actions_of.values()):
        form.assignee.choices = [("", "—"), *_colleagues({record.unit_id for record in records})]
    else:
        del form.assignee
    if not any(steps.MARK_SENT in values for values in actions_of.values()):
        del form.channel
    return Bar(form, actions_of)


def _colleagues(unit_ids: set[int]) -> list[tuple[int, str]]:
    """The active members of the units of the records listed: whom a bulk assignment offers."""
    users = db.session.scalars(select(User).join(Membership).where(User.active, Membership.unit_id.in_(unit_ids))
                               .distinct().order_by(User.name))
    return choices((user.id, f"{user.name} ({user.email})") for user in users)


def _back(target: str | None) -> str:
    """The list the action was asked from, if it is a path of this site; else My work."""
    target = target or ""
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target and target.isprintable()
    return target if local else url_for("main.my_work")


def _chosen(values: list[str]) -> list[tuple[int, int]]:
    """The ticked rows, each "id:version" as the list drew it: a row without the version it was
    drawn from cannot be checked for a change since, so the list is not taken."""
    chosen = []
    for value in values:
        record_id, _sep, version = value.partition(":")
        if not all(part.isascii() and part.isdigit() and len(part) < 16 for part in (record_id, version)):
            raise Refused(_("The list sent was not understood. Reload it and choose the records again."))
        chosen.append((int(record_id), int(version)))
    return chosen


def _assignee(form: BulkForm) -> User | None:
    """The colleague chosen for an assignment, refused as the case page refuses one: active users only."""
    if form.action.data != bulk.ASSIGN:
        return None
    user = db.session.get(User, form.assignee.data) if form.assignee.data else None
    if user is None or not user.active:
        raise Refused(_("Choose the colleague to assign."))
    return user


@bp.route("", methods=["POST"])
def start():
    form = BulkForm()
    back = _back(form.back.data)

    def operation() -> bulk.BulkRun:
        if not bulk.is_action(form.action.data):
            raise Refused(_("Choose one of the actions the list offers."))
        if form.action.data == steps.MARK_SENT and not form.channel.data:
            raise Refused(_("Say how the letters went out."))
        chosen = _chosen(request.form.getlist("record") + request.form.getlist("letter_id"))
        return bulk.start(current_user, form.action.data, chosen, assignee=_assignee(form), on=form.on.data,
                          comment=form.comment.data, channel=form.channel.data if form.action.data == steps.MARK_SENT
                          else None, back_to=back)

    return write(operation, form=form, again=_again_at(back, form), done=None,
                 to=lambda run: url_for("bulk.result", run_id=run.id))


def _again_at(back: str, form: BulkForm) -> Again:
    """Back to the list with the reason; for a field typed wrong, which field and why (the list
    is another page's, so it is drawn afresh and the ticks are chosen again)."""
    return lambda status, reason: again_at(back)(status, reason or form_refusal([form]))


def _own_run(run_id: int) -> bulk.BulkRun:
    """A run is shown only to who asked for it: it names the records they chose."""
    run = db.session.get(bulk.BulkRun, run_id)
    if run is None or run.created_by_id != current_user.id:
        abort(404)
    return run


@bp.route("/<int:run_id>")
def result(run_id: int):
    run = _own_run(run_id)
    rows = [(item, bulk.record_of(item, current_user)) for item in sorted(run.items, key=_refused_first)]
    return render_template("bulk/result.html", run=run, rows=rows, progress=bulk.progress(run),
                           confirm_form=ConfirmForm(), back=_back(run.back_to))


def _refused_first(item: bulk.BulkItem) -> tuple[int, int]:
    """The records that need the reader's attention first, then the others in the order chosen."""
    return ({bulk.ItemStatus.REFUSED: 0, bulk.ItemStatus.WAITING: 1}.get(item.status, 2), item.id)


@bp.route("/<int:run_id>/resume", methods=["POST"])
def resume(run_id: int):
    run = _own_run(run_id)
    to = url_for("bulk.result", run_id=run.id)
    return write(lambda: bulk.resume(run), form=ConfirmForm(), again=again_at(to),
                 done=_("Going on with the records still waiting."), to=to)
