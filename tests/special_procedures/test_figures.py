"""Figures of the year, computed from the data and checked against a known dataset."""
from __future__ import annotations

from datetime import date

from casework.core.permissions import visible_cases
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.models import CommunicationType, SpCommunication
from casework.special_procedures.queries import figures_of_year
from tests.special_procedures.conftest import reply_file


def test_figures_of_the_year_from_a_known_dataset(make_comm, states, users):
    """2026: five letters sent (3 UA, 1 AL, 1 OL) to Colombia, Peru and the Philippines and to two companies
    (one of them twice, spelled in two cases); four replies received in 2026, one in 2027. Not counted: a
    letter sent in 2025 (its 2026 reply is), a draft and an approved letter not yet sent."""
    col, per, phl = (ops.AddresseeInput(state_id=states[c].id) for c in ("COL", "PER", "PHL"))
    acme = ops.AddresseeInput(name="Acme Mining Ltd.", copy_state_ids=[states["CAN"].id])
    acme_again = ops.AddresseeInput(name="ACME MINING LTD.", copy_state_ids=[states["PER"].id])
    bank = ops.AddresseeInput(name="Andean Development Bank")
    letters = [
        make_comm(until="sent", sent_on=date(2026, 1, 10), addressees=[col]),
        make_comm(until="sent", sent_on=date(2026, 2, 10), addressees=[col, per]),
        make_comm(until="sent", sent_on=date(2026, 6, 1), addressees=[acme, phl], comm_type=CommunicationType.AL),
        make_comm(until="published", sent_on=date(2026, 3, 1), addressees=[acme_again, bank]),
        make_comm(until="sent", sent_on=date(2026, 12, 1), addressees=[per], comm_type=CommunicationType.OL,
                  legislation="Bill 45"),
    ]
    older = make_comm(until="sent", sent_on=date(2025, 11, 3), addressees=[phl])
    make_comm(addressees=[col])
    make_comm(until="approved", addressees=[per])
    officer = users["officer"]
    for comm, day in ((letters[0], date(2026, 2, 1)), (letters[0], date(2026, 4, 1)), (letters[1], date(2026, 3, 3)),
                      (older, date(2026, 1, 20)), (letters[4], date(2027, 1, 15))):
        ops.record_reply(comm, day, "en", reply_file(), officer)
    db.session.commit()

    figures = figures_of_year(2026)
    assert (figures.letters_sent, figures.states_addressed, figures.non_state_actors_addressed,
            figures.replies_received) == (5, 3, 2, 4)
    assert figures.by_type == {"UA": 3, "AL": 1, "OL": 1}
    assert (figures_of_year(2025).letters_sent, figures_of_year(2025).replies_received) == (1, 0)
    assert figures_of_year(2027).replies_received == 1
    # Through the access policy: someone who may see none of the letters gets zeros.
    hidden = figures_of_year(2026, visible_cases(users["outsider"], SpCommunication))
    assert (hidden.letters_sent, hidden.replies_received) == (0, 0)


def test_the_figures_page_links_every_count_and_its_charts_bars_to_their_lists(client, make_comm, states, users):
    """The page counts as the key figures do: each figure and each bar opens the letters it counts."""
    import html
    import re

    from tests.conftest import sign_in
    from tests.figures.chart_links import assert_each_bar_lists_what_it_counts, listed

    col, per = (ops.AddresseeInput(state_id=states[c].id) for c in ("COL", "PER"))
    make_comm(until="sent", sent_on=date(2026, 1, 10), addressees=[col])
    make_comm(until="sent", sent_on=date(2026, 2, 10), addressees=[col, per], comm_type=CommunicationType.AL)
    make_comm(until="sent", sent_on=date(2025, 11, 3), addressees=[per])
    make_comm(addressees=[col])
    sign_in(client, users["officer"])
    page = client.get("/special-procedures/figures?year=2026").get_data(as_text=True)

    figures = {html.unescape(label).strip(): (html.unescape(url), int(value)) for label, url, value in re.findall(
        r'<th scope="row">([^<]+)(?:<span[^>]*>[^<]*</span>)?</th>\s*<td class="num"><a href="([^"]+)">(\d+)</a>', page)}
    for label in ("Letters sent", "Urgent appeal", "Allegation letter"):
        url, value = figures[label]
        assert listed(client, url) == value, label
    assert figures["Letters sent"][1] == 2
    by_type = assert_each_bar_lists_what_it_counts(client, page, "letters_by_type")
    assert {(bar.what, bar.value) for bar in by_type} == {("Urgent appeal · Letters sent", 1),
                                                          ("Allegation letter · Letters sent", 1)}
    per_state = assert_each_bar_lists_what_it_counts(client, page, "letters_per_state")
    assert {(bar.what, bar.value) for bar in per_state} == {("Colombia · Letters sent", 2), ("Peru · Letters sent", 1)}
