"""Publication at sent + 60 days by the daily job, early with a press release, and the public register,
which never holds a source, a letter under embargo or a redacted name."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from casework.core.jobs import JobRecord, JobStatus, enqueue, redis_connection
from casework.core.workflow import fire
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.jobs import publish_due_communications
from casework.special_procedures.models import CommunicationType
from tests.special_procedures.conftest import SOURCE, VICTIM_FAMILY, VICTIM_GIVEN, reply_file
from tests.pages import link, rows_by_next, rows_by_number
from tests.special_procedures.helpers import pdf_text


def test_the_job_publishes_exactly_the_letters_sent_60_days_before_today(make_comm):
    old = make_comm(until="sent", sent_on=date(2026, 3, 1))  # public on 30 April
    young = make_comm(until="sent", sent_on=date(2026, 3, 2))  # public on 1 May
    assert publish_due_communications("2026-04-29") == {"published": []}
    assert publish_due_communications("2026-04-30") == {"published": [old.id]}
    db.session.expire_all()
    assert (old.status, old.published_on, young.status) == ("published", date(2026, 4, 30), "sent")
    assert publish_due_communications("2026-04-30") == {"published": []}  # safe to run twice
    assert publish_due_communications("2026-06-15") == {"published": [young.id]}  # a missed day is caught up
    db.session.expire_all()
    assert young.published_on == date(2026, 5, 1)


def test_the_job_runs_through_the_queue_with_a_given_day(make_comm):
    comm = make_comm(until="sent", sent_on=date(2026, 1, 5))
    record = enqueue(publish_due_communications, "2026-03-06")
    db.session.commit()
    db.session.expire_all()
    record = db.session.get(JobRecord, record.id)
    assert record.status is JobStatus.DONE, record.error
    assert record.result == {"published": [comm.id]}
    assert comm.status == "published"
    jobs = [(j.kind, j.status, j.error, j.result) for j in db.session.scalars(db.select(JobRecord))]
    assert all(a.public_pdf_sha256 for a in comm.recipients), jobs


def test_a_press_release_makes_it_public_early(make_comm, users):
    comm = make_comm(until="sent", sent_on=date(2026, 3, 1))
    ops.record_press_release(comm, date(2026, 3, 4), "https://www.ohchr.org/en/press-releases/2026/03/x",
                             users["officer"])
    db.session.commit()
    assert (comm.status, comm.published_on) == ("published", date(2026, 3, 4))
    assert publish_due_communications("2026-05-01") == {"published": []}


def test_report_and_closing(make_comm, users):
    comm = make_comm(until="published")
    ops.include_in_report(comm, "HRC 62", users["officer"])
    fire(comm, "close", users["supervisor"])
    assert (comm.status, comm.report_session) == ("closed", "HRC 62")


def _everything_public(client) -> str:
    """Every public output at once: the page, the CSV, the JSON and the public PDFs."""
    texts = [client.get("/special-procedures/public/").get_data(as_text=True),
             client.get("/special-procedures/public/export.csv").get_data(as_text=True),
             client.get("/special-procedures/public/export.json").get_data(as_text=True)]
    for record in json.loads(texts[2]):
        for address in record["letters"]:
            response = client.get(address)
            assert response.status_code == 200
            texts.append(pdf_text(response.data))
            response.close()
    return "\n".join(texts)


def test_the_public_register_never_shows_sources_embargoed_letters_or_redacted_names(make_comm, client, users):
    published = make_comm(until="published", title="the detention of a journalist")
    ops.record_reply(published, date(2026, 4, 1), "es", reply_file(), users["officer"])
    db.session.commit()
    embargoed = make_comm(until="sent", title="a letter still under embargo")
    draft = make_comm(title="a draft never sent")
    make_comm(until="published", victim=False, title="a law on associations", comm_type=CommunicationType.OL,
              legislation="Law 7 on associations", summary="The law restricts foreign funding of associations.")
    everything = _everything_public(client)
    assert "the detention of a journalist" in everything and "a law on associations" in everything
    assert "T.O.Q." in everything  # the redacted victim, as initials
    for secret in (SOURCE, "Zyxwvut", VICTIM_FAMILY, VICTIM_FAMILY.upper(), VICTIM_GIVEN,
                   "a letter still under embargo", "a draft never sent", embargoed.reference):
        assert secret not in everything, secret
    records = json.loads(client.get("/special-procedures/public/export.json").get_data(as_text=True))
    by_subject = {r["subject"]: r for r in records}
    assert by_subject["the detention of a journalist"]["reply_received"] is True
    assert by_subject["a law on associations"]["reply_received"] is False
    response = client.get(f"/special-procedures/public/{published.id}/replies/{published.replies[0].id}")
    response.close()
    assert response.status_code == 200
    # The embargoed letter does not exist for the public, whatever the address.
    assert client.get(f"/special-procedures/public/{embargoed.id}/letters/{embargoed.recipients[0].id}.pdf"
                      ).status_code == 404
    assert client.get(f"/special-procedures/public/{draft.id}/letters/{draft.recipients[0].id}.pdf").status_code == 404


def test_the_registers_letter_and_reply_links_open_on_the_address_the_reader_used(make_comm, client, users):
    """Served on a port (or behind a proxy), the page's links lead to the files, not to another host."""
    comm = make_comm(until="published")
    ops.record_reply(comm, date(2026, 4, 1), "es", reply_file(), users["officer"])
    db.session.commit()
    page = client.get("/special-procedures/public/", base_url="http://casework.test:8080")
    for label in ("Letter", "Reply"):
        href = link(page, label)
        assert href.startswith("/special-procedures/public/"), href
        response = client.get(href, base_url="http://casework.test:8080")
        assert response.status_code == 200 and response.data.startswith(b"%PDF"), label
        response.close()
    records = json.loads(client.get("/special-procedures/public/export.json").data)
    assert records[0]["letters"][0].startswith("http://casework.test/")  # exports keep full addresses


def test_the_public_register_filters_by_state_mandate_type_and_year(make_comm, client, mandates, states):
    make_comm(until="published", title="letter one", cosigners=("SR-TORTURE",))
    make_comm(until="published", title="letter two", cosigners=("SR-JUDGES",), comm_type=CommunicationType.AL,
              addressees=[ops.AddresseeInput(state_id=states["PHL"].id)], sent_on=date(2025, 11, 1))
    make_comm(until="published", title="letter three", cosigners=(), addressees=[
        ops.AddresseeInput(name="Acme Mining Ltd.", copy_state_ids=[states["PER"].id])])

    def subjects(**query) -> list[str]:
        rows = json.loads(client.get("/special-procedures/public/export.json", query_string=query).data)
        return sorted(r["subject"] for r in rows)

    assert subjects() == ["letter one", "letter three", "letter two"]
    assert subjects(state=states["PHL"].id) == ["letter two"]
    assert subjects(state=states["PER"].id) == ["letter three"]  # the State copied on a company's letter
    assert subjects(mandate=mandates["SR-TORTURE"].id) == ["letter one"]
    assert subjects(comm_type="AL") == ["letter two"]
    assert subjects(year=2025) == ["letter two"]
    csv_text = client.get("/special-procedures/public/export.csv", query_string={"year": 2025}).get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("references,type,date,mandates,addressees")
    assert "AL PHL 1/2025" in csv_text and "letter one" not in csv_text


def test_the_public_pdf_shows_initials_where_the_letter_sent_names_the_victim(make_comm):
    comm = make_comm(until="published")
    from casework.core import storage
    from casework.core.storage import content_key

    sent = pdf_text(storage.files().read(content_key(comm.recipients[0].pdf_sha256)))
    public = pdf_text(storage.files().read(content_key(comm.recipients[0].public_pdf_sha256)))
    assert VICTIM_FAMILY.upper() in sent
    assert VICTIM_FAMILY.upper() not in public and "T.O.Q." in public


def test_a_letter_the_job_cannot_publish_does_not_hold_back_the_others(make_comm, users, mandates):
    from casework.admin.operations import remove_membership
    from casework.auth.models import User

    blocked = make_comm(until="sent", sent_on=date(2026, 3, 1))
    fine = make_comm(until="sent", sent_on=date(2026, 3, 1))
    fine.sent_by_id = users["supervisor"].id
    officer = db.session.get(User, users["officer"].id)
    remove_membership(officer.memberships[0])  # the officer who sent it has left the desk
    db.session.commit()
    result = publish_due_communications("2026-05-01")
    assert result["published"] == [fine.id] and list(result["refused"]) == [blocked.id]
    db.session.expire_all()
    assert (blocked.status, fine.status) == ("sent", "published")


def test_the_daily_command_publishes_there_and_then_on_the_embedded_queue(app, make_comm, monkeypatch):
    """The in-process queue dies with the command: the command must publish before it exits."""
    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "thread")
    due = make_comm(until="sent", sent_on=date(2026, 1, 5))
    young = make_comm(until="sent", sent_on=date(2026, 2, 20))
    result = app.test_cli_runner().invoke(args=["special-procedures", "publish-due", "--today", "2026-03-06"])
    assert result.exit_code == 0, result.output
    assert "1 letter published: UA COL 1/2026" in result.output and "queued" not in result.output
    assert app.config["JOB_QUEUE_MODE"] == "thread"  # as it was
    db.session.expire_all()
    assert (due.status, due.published_on, young.status) == ("published", date(2026, 3, 6), "sent")
    assert all(a.public_pdf_sha256 for a in due.recipients)  # the public letters are made before it exits
    record = db.session.scalar(db.select(JobRecord).where(JobRecord.kind.endswith("publish_due_communications")))
    assert record.status is JobStatus.DONE  # listed under Background jobs like the scheduled run
    again = app.test_cli_runner().invoke(args=["special-procedures", "publish-due", "--today", "2026-03-06"])
    assert again.exit_code == 0 and "No letter was due for publication." in again.output


def test_the_daily_command_says_which_letters_it_could_not_publish(app, make_comm, users, monkeypatch):
    from casework.admin.operations import remove_membership
    from casework.auth.models import User

    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "thread")
    make_comm(until="sent", sent_on=date(2026, 1, 5))
    officer = db.session.get(User, users["officer"].id)
    remove_membership(officer.memberships[0])  # the officer who sent it has left the desk
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["special-procedures", "publish-due", "--today", "2026-03-06"])
    assert result.exit_code == 0, result.output
    assert "not published: UA COL 1/2026" in result.output


def test_the_daily_command_queues_the_job_for_the_workers_on_redis(app, make_comm, monkeypatch):
    comm = make_comm(until="sent", sent_on=date(2026, 1, 5))
    sent_to_redis = []

    class Queue:
        connection = redis_connection()  # where RQ keeps its jobs: the suite's Redis

        def enqueue(self, fn, record_id, **options):
            sent_to_redis.append(record_id)

    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "redis")
    monkeypatch.setattr("casework.core.jobs.get_queue", Queue)
    result = app.test_cli_runner().invoke(args=["special-procedures", "publish-due", "--today", "2026-03-06"])
    assert result.exit_code == 0, result.output
    record = db.session.get(JobRecord, sent_to_redis[0])
    assert f"queued job {record.id}" in result.output and record.args == ["2026-03-06"]
    db.session.expire_all()
    assert comm.status == "sent"  # the workers publish it


def test_next_walks_the_public_register_newest_first_each_letter_once(make_comm, client, app, monkeypatch):
    """Every public letter was sent, so "Next" starts from the last row's day sent and key: a letter
    published while the reader is on a page does not push one they have read onto the next."""
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    monkeypatch.setitem(app.config, "COUNT_BOUND", 2)
    for number, day in ((1, 2), (2, 5), (3, 5), (4, 9), (5, 12)):
        make_comm(until="published", title=f"Walked letter {number}", sent_on=date(2026, 3, day))

    page = client.get("/special-procedures/public/")
    seen = re.findall(r"Walked letter (\d)", page.get_data(as_text=True))
    make_comm(until="published", title="Walked letter 6", sent_on=date(2026, 3, 20))
    while (following := link(page, "Next →")) is not None:
        page = client.get(following)
        seen += re.findall(r"Walked letter (\d)", page.get_data(as_text=True))
    assert seen == ["5", "4", "3", "2", "1"]


@pytest.mark.parametrize("narrowed", ["", "&comm_type=AL", "&year=2026", "&q=Register"],
                         ids=["every one", "a type", "a year", "words of the title"])
def test_the_register_lists_the_published_letters_by_day_sent_by_page_number_and_by_next(
        make_comm, client, app, monkeypatch, narrowed):
    """The register pages through the published letters alone, newest sent first, whether a page is
    reached by its number or by "Next", narrowed or not; a letter sent and not yet published, or
    still a draft, is never on it."""
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    days = {1: date(2025, 12, 30), 2: date(2026, 1, 5), 3: date(2026, 1, 5), 4: date(2026, 2, 9), 5: date(2026, 3, 1)}
    for number, day in days.items():
        make_comm(until="published", title=f"Register letter {number}", sent_on=day,
                  comm_type=CommunicationType.AL if number != 2 else CommunicationType.UA)
    make_comm(until="sent", title="Register letter 6", sent_on=date(2026, 3, 2))
    make_comm(until="draft", title="Register letter 7")
    shown = lambda response: re.findall(r"Register letter (\d)", response.get_data(as_text=True))  # noqa: E731
    address = f"/special-procedures/public/?sort=sent&dir=desc{narrowed}"
    expected = {"": ["5", "4", "3", "2", "1"], "&comm_type=AL": ["5", "4", "3", "1"],
                "&year=2026": ["5", "4", "3", "2"], "&q=Register": ["5", "4", "3", "2", "1"]}[narrowed]
    assert rows_by_next(client, address, shown) == expected
    assert rows_by_number(client, address, shown, (len(expected) + 1) // 2) == expected
