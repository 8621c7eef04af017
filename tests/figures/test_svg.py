"""The statistics charts drawn in the page: nothing the strict CSP refuses, labels whole, colours
that say what they count and are not alone in saying it, every bar a link."""
from __future__ import annotations

import re

import pytest

from casework.figures.sections import Chart, Series

VENEZUELA = "Venezuela (Bolivarian Republic of)"
UK = "United Kingdom of Great Britain and Northern Ireland"


@pytest.fixture
def outcomes() -> Chart:
    return Chart("by_state", "Urgent actions per State", [VENEZUELA, UK, "Mexico"], [
        Series("Located alive", [1, 0, 3], ["/a/1", "/a/2", "/a/3"], tone="good"),
        Series("Located deceased", [2, 1, 0], ["/d/1", "/d/2", "/d/3"], tone="grave"),
        Series("Not located", [0, 4, 1], tone="pending"),
    ], horizontal=True, stacked=True)


def test_nothing_the_content_security_policy_refuses(app, outcomes):
    with app.test_request_context():
        svg = str(outcomes.svg())
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert 'href="http' not in svg and "xlink:href" not in svg


def test_long_state_names_are_whole_wrapped_or_in_their_title(app, outcomes):
    with app.test_request_context():
        svg = str(outcomes.svg())
    assert "…" not in svg
    assert f"<tspan x=\"0.0\" dy=\"0\">{VENEZUELA}</tspan>" in svg
    assert f"<title>{UK}</title>" in svg
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg[svg.index(f"<title>{UK}</title>"):])[:2]
    assert " ".join(lines) == UK


def test_colours_say_what_a_bar_counts_with_a_texture_and_a_legend(app, outcomes):
    with app.test_request_context():
        svg = str(outcomes.svg())
    deceased = re.findall(r'<rect class="bar tone-(\w+)"[^>]*><title>[^<]*Located deceased', svg)
    assert deceased and set(deceased) == {"grave"}
    assert 'fill="url(#by_state-hatch)"' in svg  # not colour alone
    legend = re.findall(r'<text class="legend"[^>]*>([^<]*)</text>', svg)
    assert legend == ["Located alive", "Located deceased", "Not located"]


def test_each_bar_links_to_its_list_and_a_zero_draws_nothing(app, outcomes):
    with app.test_request_context():
        svg = str(outcomes.svg())
    assert re.findall(r'<a href="([^"]+)" tabindex="-1">', svg) == ["/a/1", "/d/1", "/d/2", "/a/3"]
    assert svg.count('class="bar ') == 6  # 3 alive or deceased with links, 3 not located without


def test_columns_stand_on_a_scale_of_round_numbers(app):
    chart = Chart("per_year", "Per year", ["2024", "2025"], [Series("Registered", [7, 23], ["/y/4", "/y/5"])],
                  stacked=True)
    with app.test_request_context():
        svg = str(chart.svg())
    assert re.findall(r'<text class="tick"[^>]*>([\d,]+)</text>', svg) == ["0", "10", "20", "30"]
    assert ">23</text>" in svg and 'href="/y/5"' in svg


def test_an_empty_chart_draws_nothing(app):
    chart = Chart("none", "Nothing", ["A"], [Series("Cases", [0])])
    with app.test_request_context():
        assert str(chart.svg()) == ""


def test_the_key_figures_draw_a_death_in_a_sombre_tone_and_each_bar_opens_its_list(client, world, users):
    from tests.conftest import sign_in
    from tests.figures.chart_links import assert_each_bar_lists_what_it_counts

    sign_in(client, users["secretariat"])
    page = client.get("/figures/?year=2025").get_data(as_text=True)
    found = assert_each_bar_lists_what_it_counts(client, page, "urgent_actions_by_state")
    assert {bar.tone for bar in found if "Located deceased" in bar.what} == {"grave"}
    assert {bar.tone for bar in found if "Located alive" in bar.what} == {"good"}
