"""The navigation shows the modules a person works in; the secretariat-wide roles see them all,
and a module left out of someone's navigation still opens for them."""
from __future__ import annotations

import re


def _nav(client) -> list[str]:
    """The words of the main navigation's links."""
    nav = re.search(r'<nav class="mainnav".*?</nav>', client.get("/").get_data(as_text=True), re.S)
    return [text.strip() for text in re.findall(r">([^<>]+)</a>", nav.group(0))]


def test_a_treaty_body_officer_sees_the_communications_not_the_field_or_reprisals(users, login):
    entries = _nav(login(users["officer"]))
    assert "Communications" in entries and "Urgent actions" not in entries
    assert "Reprisals" not in entries and "Detention" not in entries and "Special procedures" not in entries


def test_a_ced_member_sees_the_urgent_actions_too(users, login):
    entries = _nav(login(users["outsider"]))  # a CED supervisor
    assert "Urgent actions" in entries and "Communications" in entries and "Reprisals" not in entries


def test_the_secretariat_and_the_auditor_see_every_module(users, login):
    for role in ("secretariat", "auditor"):
        entries = _nav(login(users[role]))
        for module in ("Communications", "Urgent actions", "Detention", "Special procedures", "Reprisals",
                       "Working groups"):
            assert module in entries, (role, module)


def test_a_module_left_out_of_the_navigation_still_opens(users, login):
    assert login(users["officer"]).get("/detention/").status_code == 200
