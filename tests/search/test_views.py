"""The search page: the box in the top bar, results labelled by kind with links, filters kept."""
from __future__ import annotations

from casework.extensions import db
from tests.pages import statements_sent
from tests.search.conftest import SECRET_WORD, _communication


def test_the_top_bar_has_a_search_box(world, users, login):
    page = login(users["viewer"]).get("/").get_data(as_text=True)
    assert 'action="/search/"' in page and 'name="q"' in page


def test_results_link_to_the_person_and_the_case(world, users, login):
    page = login(users["officer"]).get("/search/?q=jose+garcia").get_data(as_text=True)
    assert f"/persons/{world.person.id}" in page
    assert f"/cases/{world.communication.id}\"" in page
    assert "Person" in page and "Case" in page and "2 results" in page


def test_a_reply_links_to_its_communication(world, users, login):
    page = login(users["admin"]).get("/search/?q=AL+MEX+3%2F2026&kind=reply").get_data(as_text=True)
    assert "Reply from <mark>Mexico</mark>" in page and f"/cases/{world.sp.id}\"" in page


def test_filters_are_kept_on_the_page(world, users, login, states):
    page = login(users["officer"]).get(f"/search/?q=garcia&state={states['MEX'].id}&kind=case")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<option selected value="{states["MEX"].id}">Mexico</option>' in text
    assert "1 result" in text


def test_a_period_that_ends_before_it_starts_is_refused(world, users, login):
    page = login(users["officer"]).get("/search/?q=garcia&date_from=2026-05-01&date_to=2026-04-01")
    assert page.status_code == 400
    assert "The end of the period comes before its start." in page.get_data(as_text=True)


def test_nothing_hidden_shows_on_the_page(world, users, login):
    page = login(users["secretariat"]).get(f"/search/?q={SECRET_WORD}").get_data(as_text=True)
    assert "Nothing found that you may see" in page
    assert "Hollowmere" not in page.split("<main", 1)[1]


def test_the_words_found_are_marked_accents_and_case_aside(world, users, login):
    page = login(users["officer"]).get("/search/?q=jose+garc").get_data(as_text=True)
    assert "<mark>José</mark>" in page and ("<mark>GARCÍA</mark>" in page or "<mark>García</mark>" in page)
    assert "<mark>v</mark>" not in page  # only the words typed


def test_a_result_s_state_reads_as_on_its_own_list(world, users, login):
    from casework.communications.workflow import COMMUNICATION_WORKFLOW

    page = login(users["officer"]).get("/search/?q=garcia&kind=case").get_data(as_text=True)
    assert f"<td>{COMMUNICATION_WORKFLOW.state_label(world.communication.status)}</td>" in page


def test_typed_markup_is_never_taken_as_markup(world, users, login):
    from casework.search.text import highlight

    assert str(highlight("<b>José</b> García", "jose")) == "&lt;b&gt;<mark>José</mark>&lt;/b&gt; García"


def test_the_page_asks_as_many_questions_for_six_cases_as_for_two(world, units, states, users, login):
    """Each result's link needs its case: those of the page are read together, not one by one."""
    client = login(users["officer"])

    def receive(count: int) -> list[int]:
        made = [_communication(units, states, users, family="Ostrowska", given="Ada", subject="Lighthouse keepers")
                for _ in range(count)]
        db.session.commit()
        return [communication.id for communication in made]

    ids = receive(2)
    few = statements_sent(client, "/search/?q=lighthouse")
    ids += receive(4)
    assert statements_sent(client, "/search/?q=lighthouse") == few
    page = client.get("/search/?q=lighthouse").get_data(as_text=True)
    assert "6 results" in page and all(f"/cases/{case_id}\"" in page for case_id in ids)
