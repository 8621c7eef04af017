"""The migration that brings the key figures' tallies fills them from the cases already on file, as
the application counts them (SQLite and PostgreSQL, as the suite's database)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import MetaData, create_engine, text

from tests.test_migrations import _flask, insert_row, written_at

BEFORE, TALLIES, LETTERS = "f2b4d6e8a035", "a7c3e9f15b28", "b9d2f4a6c813"


def _upgraded_in_step(url: str, tmp_path, *tallies: str) -> None:
    """Upgraded to the last revision, `flask tallies check` finds each of `tallies` in step."""
    result = _flask("db", "upgrade", database_url=url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    checked = _flask("tallies", "check", database_url=url, tmp_path=tmp_path)
    for name in tallies:
        assert f"{name}: in step" in checked.stdout, checked.stdout + checked.stderr[-2000:]


def _stored(url: str, tally: str, only_open: bool = False) -> list[tuple]:
    """(key, count) of a tally's stored counts, in the order of their keys."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT key, count FROM tally_counts WHERE tally = :tally"
                                           + (" AND confidential = :no" if only_open else "")),
                                      {"tally": tally, "no": False}).all()
    finally:
        engine.dispose()
    return sorted(tuple(row) for row in rows)


def _urgent_actions(connection, metadata: MetaData) -> None:
    """A parallel registration with two disappeared persons, one located; one registered alone."""
    insert_row(connection, metadata, "units", id=2, code="CED", name="CED", kind="COMMITTEE", settings="{}")
    insert_row(connection, metadata, "states", id=2, iso2="IQ", iso3="IRQ", name="Iraq")
    for case_id, second in ((11, 2), (12, None)):
        insert_row(connection, metadata, "cases", id=case_id, case_type="urgent_action", unit_id=2,
                title=f"UA {case_id}", status="registered", confidential=False, version=1)
        insert_row(connection, metadata, "urgent_actions", id=case_id, state_id=1, second_state_id=second,
                received_on=date(2025, 6, 1), registered_on=date(2025, 6, 3), criteria="{}", number=case_id,
                registration_year=2025)
    for person_id, case_id in ((21, 11), (22, 11), (23, 12)):
        insert_row(connection, metadata, "persons", id=person_id, family_name=f"Person {person_id}", unit_id=2)
        insert_row(connection, metadata, "case_persons", id=person_id, case_id=case_id, person_id=person_id,
                role="disappeared_person")
    insert_row(connection, metadata, "urgent_action_outcomes", id=1, case_id=11, person_id=22, outcome="deceased",
            located_on=date(2025, 8, 9))


def test_the_tallies_are_filled_from_the_communications_on_file(app, empty_database_url, tmp_path):
    with written_at(BEFORE, empty_database_url, tmp_path) as (connection, metadata):
        insert_row(connection, metadata, "units", id=1, code="CCPR", name="CCPR", kind="COMMITTEE", settings="{}")
        insert_row(connection, metadata, "states", id=1, iso2="MX", iso3="MEX", name="Mexico")
        for case_id, registered, confidential in ((1, date(2025, 3, 4), False), (2, date(2025, 3, 20), True),
                                                  (3, None, False)):
            insert_row(connection, metadata, "cases", id=case_id, case_type="communication", unit_id=1,
                    title=f"Author {case_id} v. Mexico", status="registered", confidential=confidential, version=1)
            insert_row(connection, metadata, "communications", id=case_id, committee_id=1, state_id=1,
                    received_on=date(2025, 1, 2), registered_on=registered)
        for decision_id, (case_id, kind, adopted) in enumerate(((1, "admissible", date(2025, 5, 1)),
                                                                (1, "views_violation", date(2025, 9, 1)),
                                                                (2, "inadmissible", date(2025, 5, 9))), start=1):
            insert_row(connection, metadata, "communication_decisions", id=decision_id, communication_id=case_id,
                    decision_type=kind, adopted_on=adopted, session=140)
        for measure_id, requested in enumerate((date(2025, 4, 1), date(2025, 4, 2)), start=1):
            insert_row(connection, metadata, "interim_measures", id=measure_id, communication_id=1,
                    requested_on=requested, measure="Do not deport")
        _urgent_actions(connection, metadata)

    # (The backlog's tallies were filled by an earlier migration, before these rows: they differ.)
    _upgraded_in_step(empty_database_url, tmp_path, "communications_registered", "communications_decided",
                      "communications_interim_measures", "urgent_actions_registered", "urgent_action_persons",
                      "urgent_action_persons_located", "urgent_action_statistics")
    # The open communication decided twice: once under any type with no decision before, once
    # with May's before it; once under each of its types.
    assert _stored(empty_database_url, "communications_decided", only_open=True) == [
        ("*|", 1), ("*|2025-05", 1), ("admissible|", 1), ("views_violation|", 1)]
    assert _stored(empty_database_url, "urgent_action_persons") == [("1|2|", 1), ("1|2|deceased", 1), ("1||", 1)]

    result = _flask("db", "downgrade", BEFORE, database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_letters_tallies_are_filled_and_hold_an_actors_long_name(app, empty_database_url, tmp_path):
    company = "The " + "Very " * 40 + "Long Mining Company Ltd."
    with written_at(TALLIES, empty_database_url, tmp_path) as (connection, metadata):
        insert_row(connection, metadata, "units", id=1, code="SR-X", name="SR", kind="MANDATE", settings="{}")
        insert_row(connection, metadata, "sp_mandates", id=1, unit_id=1, name="SR", kind="thematic")
        insert_row(connection, metadata, "states", id=1, iso2="MX", iso3="MEX", name="Mexico")
        for case_id, sent in ((1, date(2025, 3, 4)), (2, date(2025, 3, 20)), (3, None)):
            insert_row(connection, metadata, "cases", id=case_id, case_type="sp_communication", unit_id=1,
                    title=f"Letter {case_id}", status="sent" if sent else "draft", confidential=False, version=1)
            insert_row(connection, metadata, "letters", id=case_id, letter_type="sp_communication", kind="letter",
                    sent_on=sent)
            insert_row(connection, metadata, "sp_communications", id=case_id, comm_type="UA", lead_mandate_id=1)
        for addressee_id, (letter_id, kind, state_id, name, copy) in enumerate((
                (1, "state", 1, "", False), (1, "non_state", None, company, False), (1, "state", 1, "", True),
                (2, "non_state", None, company.upper(), False)), start=1):
            insert_row(connection, metadata, "letter_addressees", id=addressee_id, letter_id=letter_id, kind=kind,
                    state_id=state_id, name=name, is_copy=copy, copy_of_id=None)
        insert_row(connection, metadata, "sp_replies", id=1, communication_id=1, received_on=date(2025, 5, 2))

    _upgraded_in_step(empty_database_url, tmp_path, "special_procedures_letters", "special_procedures_replies")
    assert _stored(empty_database_url, "special_procedures_letters") == sorted([
        ("type|UA", 2), ("to|1", 1), ("state|1|1", 1), (f"actor|{company.lower()}", 2)])

    result = _flask("db", "downgrade", TALLIES, database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_detention_tally_is_filled_from_the_visits_and_cases(app, empty_database_url, tmp_path):
    with written_at(LETTERS, empty_database_url, tmp_path) as (connection, metadata):
        insert_row(connection, metadata, "units", id=1, code="FO-COL", name="Colombia", kind="FIELD_OFFICE",
                settings="{}")
        insert_row(connection, metadata, "states", id=1, iso2="CO", iso3="COL", name="Colombia")
        insert_row(connection, metadata, "detention_facilities", id=1, unit_id=1, state_id=1, name="San Isidro")
        insert_row(connection, metadata, "persons", id=1, family_name="Muñoz", unit_id=1)
        for case_id, kind in ((1, "visit"), (2, "visit"), (3, "detention_case"), (4, "detention_case")):
            insert_row(connection, metadata, "cases", id=case_id, case_type=kind, unit_id=1, title=f"{kind} {case_id}",
                    status="final", confidential=False, version=1)
        for visit_id, day in ((1, date(2025, 3, 12)), (2, date(2025, 3, 30))):
            insert_row(connection, metadata, "detention_visits", id=visit_id, facility_id=1, started_on=day,
                    number=f"DV/{visit_id}")
        for case_id in (3, 4):  # both released; the first also counted by the aggregate record
            insert_row(connection, metadata, "detention_cases", id=case_id, facility_id=1, person_id=1,
                    issue="no_legal_basis", outcome="released", outcome_on=date(2025, 5, 2), category="man")
        insert_row(connection, metadata, "detention_aggregate_releases", id=1, unit_id=1, state_id=1,
                period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), source="decongestion", men=50)
        insert_row(connection, metadata, "detention_covered_releases", id=1, aggregate_id=1, case_id=3)

    _upgraded_in_step(empty_database_url, tmp_path, "detention_work")
    assert _stored(empty_database_url, "detention_work") == [("outcome|released", 2), ("place|1", 2), ("release|man|1|", 1),
                                                  ("release|man|1|1", 1), ("visit", 2)]
