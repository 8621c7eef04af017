"""The statistics' charts: the persons found, per year and per State, in colours that mean it (a
death in a sombre, hatched red; found alive in green), each bar opening its list."""
from __future__ import annotations

from datetime import date

from tests.conftest import sign_in
from tests.figures.chart_links import assert_each_bar_lists_what_it_counts


def test_each_bar_of_the_statistics_opens_the_list_of_what_it_counts(client, users, make_ua, states):
    make_ua(on=date(2024, 5, 1), events=("transmit_to_state", "locate_alive"))
    make_ua(on=date(2025, 5, 1), events=("transmit_to_state", "close_deceased"), family="B")
    make_ua(on=date(2025, 6, 1), family="C", state_id=states["IRQ"].id)
    make_ua(register=False, family="Not yet")
    sign_in(client, users["viewer"])
    page = client.get("/urgent-actions/statistics").get_data(as_text=True)

    per_year = assert_each_bar_lists_what_it_counts(client, page, "statistics_per_year")
    assert {(bar.what, bar.tone, bar.value) for bar in per_year} == {
        ("2024 · Located alive", "good", 1), ("2025 · Located deceased", "grave", 1)}
    per_state = assert_each_bar_lists_what_it_counts(client, page, "statistics_per_state")
    assert {(bar.what, bar.tone) for bar in per_state} == {
        ("Mexico · Located alive", "good"), ("Mexico · Located deceased", "grave")}
    assert 'fill="url(#statistics_per_state-hatch)"' in page  # the deceased are not told by colour alone


def test_the_statistics_charts_count_only_what_the_reader_may_see(client, users, make_ua):
    make_ua()
    sign_in(client, users["outsider"])
    page = client.get("/urgent-actions/statistics").get_data(as_text=True)
    assert "<svg" not in page and "No urgent action registered." in page
