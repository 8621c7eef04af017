"""The backlog's counts as the committee's readers see them: never what they may not see."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.communications.backlog import backlog
from casework.core.workflow import fire
from casework.extensions import db
from tests.pages import statements_sent


def test_overdue_replies_leave_out_a_confidential_case_the_reader_is_not_assigned(make_communication, users,
                                                                                 client_for):
    today = date.today()
    shown, hidden = (make_communication(author=(name, "Ana"), received_on=today - timedelta(days=900), register=True)
                     for name in ("Shownauthor", "Secretauthor"))
    for case in (shown, hidden):
        fire(case, "transmit", users["supervisor"], on=today - timedelta(days=400))  # observations overdue
    hidden.confidential = True
    db.session.commit()

    assert backlog(users["officer"], shown.committee_id).overdue_observations == 1
    assert backlog(users["admin"], shown.committee_id).overdue_observations == 2
    listed = client_for(users["officer"]).get(
        f"/communications/?committee={shown.committee_id}&overdue=state_observations").get_data(as_text=True)
    assert "1 communication<" in listed and "SECRETAUTHOR" not in listed.upper()


def _listed(client, url: str) -> tuple[str, list[str]]:
    """The count a list states and the authors it shows, in order."""
    page = client.get(url).get_data(as_text=True)
    return re.search(r'class="count">([^<]*)<', page)[1], re.findall(r"(?i)stage\w+author", page)


def test_a_stage_of_one_committee_is_counted_and_listed_without_what_the_reader_may_not_see(
        make_communication, users, client_for):
    """The stage is checked on the case record while the list walks its sort order, and counted from
    the case records: both leave out a confidential case of that stage, and the other stages."""
    today = date.today()
    made = [make_communication(author=(f"Stage{i}author", "Ana"), received_on=today - timedelta(days=100 - i),
                               register=i != 3) for i in range(5)]
    made[1].confidential = True
    db.session.commit()
    committee_id = made[0].committee_id
    url = f"/communications/?committee={committee_id}&status=registered&sort=received&dir=desc"

    count, authors = _listed(client_for(users["officer"]), url)
    assert count == "3 communications"
    assert [author.capitalize() for author in authors] == ["Stage4author", "Stage2author", "Stage0author"]
    assert _listed(client_for(users["admin"]), url)[0] == "4 communications"
    assert _listed(client_for(users["officer"]), f"{url}&age=under_1")[0] == "3 communications"
    assert _listed(client_for(users["officer"]), f"{url}&age=over_4")[0] == "0 communications"


def test_the_committee_list_asks_the_same_number_of_questions_for_two_rows_as_for_six(make_communication, users,
                                                                                     client_for):
    """Each row offers the actions the reader may take, which depends on who is assigned: read for
    the whole page at once, not row by row."""
    client = client_for(users["officer"])
    made = [make_communication(author=(f"Row{i}author", "Ana")) for i in range(2)]
    url = f"/communications/?committee={made[0].committee_id}"
    few = statements_sent(client, url)
    for i in range(4):
        make_communication(author=(f"More{i}author", "Ana"))
    assert statements_sent(client, url) == few


def test_the_list_of_every_committee_shows_what_the_reader_may_see_newest_first(make_communication, users,
                                                                                client_for):
    """Read in its order with each row's committee checked: the reader's committee's open
    communications and those of another committee assigned to them, never the rest."""
    from casework.core.cases import CaseAssignment

    today = date.today()
    made = {name: make_communication(author=(f"Stage{name}author", "Ana"), code=code,
                                     received_on=today - timedelta(days=days))
            for name, code, days in (("Old", "CCPR", 30), ("Secret", "CCPR", 20), ("Mine", "CED", 15),
                                     ("Other", "CED", 10), ("New", "CCPR", 5))}
    made["Secret"].confidential = made["Mine"].confidential = True
    db.session.add(CaseAssignment(case_id=made["Mine"].id, user_id=users["officer"].id))
    db.session.commit()

    count, authors = _listed(client_for(users["officer"]), "/communications/")
    assert count == "3 communications"
    assert [author.capitalize() for author in authors] == ["Stagenewauthor", "Stagemineauthor", "Stageoldauthor"]
