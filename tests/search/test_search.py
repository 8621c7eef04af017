"""What a user finds: persons by any spelling, cases by their words, letters and replies; filters;
and an index that follows edits and deletions."""
from __future__ import annotations

from datetime import date

from casework.auth.models import User
from casework.communications.models import Communication
from casework.core.persons import PersonName
from casework.extensions import db
from casework.search import SearchFilters, search
from casework.search.indexing import reindex_all
from casework.search.models import SearchDocument
from casework.search.text import fold_text
from tests.search.conftest import _communication


def _found(user, text: str, **filters) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search(user, text, SearchFilters(**filters)).hits}


def test_folding_drops_accents_and_case_and_keeps_word_order():
    assert fold_text("José GARCÍA, CCPR 2751/2016") == "jose garcia ccpr 2751 2016"


def test_a_person_is_found_without_accents(world, users):
    assert ("person", world.person.id) in _found(users["officer"], "Jose Garcia")
    assert ("person", world.person.id) in _found(users["officer"], "garcía JOSÉ")


def test_a_person_is_found_by_the_start_of_a_name(world, users):
    assert ("person", world.person.id) in _found(users["officer"], "Garc")


def test_a_person_is_found_by_a_transliteration_in_another_script(world, users):
    assert ("person", world.person.id) in _found(users["officer"], "غارسيا")


def test_an_arabic_name_is_found_by_its_latin_transliteration(world, users):
    arabic = {hit.title: hit for hit in search(users["officer"], "Mohammed Abdallah").hits}
    assert any("عبد الله" in title for title in arabic)


def test_words_typed_in_part_together_find_longer_words(world, users):
    """With another word, a typed start is asked as the words of the index it starts (on
    PostgreSQL); it still finds every longer word, and a start of no word finds nothing."""
    officer = users["officer"]
    assert ("case", world.communication.id) in _found(officer, "garc deport")
    assert ("case", world.communication.id) in _found(officer, "jos GARCIA")
    assert _found(officer, "garcix deport") == set()


def test_a_start_of_many_words_with_another_word_still_finds_them(world, users, monkeypatch):
    from casework.search import backends

    monkeypatch.setattr(backends, "STARTS_ASKED", 0)
    assert ("case", world.communication.id) in _found(users["officer"], "garc deport")


def test_after_a_rebuild_words_on_file_and_written_since_are_found_by_their_start(world, users):
    communication_id, officer_id, person_id = world.communication.id, users["officer"].id, world.person.id
    reindex_all(db.session)  # which leaves every record loaded behind
    db.session.commit()
    officer = db.session.get(User, officer_id)
    assert ("person", person_id) in _found(officer, "jos garc")
    db.session.get(Communication, communication_id).subject_matter = "Expulsion of a cartoonist"
    db.session.commit()
    assert ("case", communication_id) in _found(officer, "garc cartoon")


def test_the_best_match_comes_first_when_every_match_is_shown(world, units, states, users):
    best = _communication(units, states, users, family="Ostrowska", given="Ada",
                          subject="Lighthouse keepers: the lighthouse of Hel and the lighthouse of Rozewie")
    newer = _communication(units, states, users, family="Brandt", given="Ole",
                           subject="Fishing quotas, harbour fees, boats seized, and a lighthouse nearby")
    db.session.commit()
    results = search(users["officer"], "lighthouse")
    assert results.ranked and results.complete
    assert [(hit.kind, hit.object_id) for hit in results.hits] == [("case", best.id), ("case", newer.id)]


def test_a_word_of_a_summary_finds_the_case(world, users):
    assert ("case", world.communication.id) in _found(users["officer"], "deportation torture")


def test_a_case_is_found_by_the_name_of_its_person(world, users):
    assert ("case", world.communication.id) in _found(users["officer"], "jose garcia")


def test_letters_and_replies_are_found(world, users):
    admin = users["admin"]
    assert ("letter", world.letter.id) in _found(admin, "acknowledgement receipt")
    assert ("reply", world.reply.id) in _found(admin, "AL MEX 3/2026", kind="reply")


def test_every_word_must_match(world, users):
    assert _found(users["officer"], "deportation lacandona") == set()


def test_filters_narrow_the_results(world, users, states):
    officer = users["officer"]
    assert _found(officer, "garcia", kind="person") == {("person", world.person.id)}
    assert ("case", world.communication.id) in _found(officer, "garcia", module="communications")
    assert _found(officer, "garcia", module="urgent_actions") == set()
    assert _found(officer, "garcia", kind="case", state_id=states["IRQ"].id) == set()
    assert ("case", world.communication.id) in _found(officer, "garcia", kind="case", state_id=states["MEX"].id)
    assert ("case", world.communication.id) in _found(officer, "garcia", status="received")
    assert _found(officer, "garcia", status="registered") == set()
    assert ("case", world.communication.id) in _found(officer, "deportation", date_from=date(2026, 3, 1),
                                                      date_to=date(2026, 3, 31))
    assert _found(officer, "deportation", kind="case", date_from=date(2026, 4, 1)) == set()
    assert _found(officer, "deportation", unit_id=world.urgent_action.unit_id) == set()


def test_the_index_follows_an_edit(world, users):
    officer = users["officer"]
    world.communication.subject_matter = "Expulsion of a journalist"
    db.session.commit()
    assert ("case", world.communication.id) in _found(officer, "journalist")
    assert ("case", world.communication.id) not in _found(officer, "deportation")


def test_the_index_follows_a_new_transliteration_to_the_person_and_the_case(world, users):
    world.person.names.append(PersonName(name="Khose Gartsiya", script="Cyrillic (BGN)"))
    db.session.commit()
    found = _found(users["officer"], "Gartsiya")
    assert {("person", world.person.id), ("case", world.communication.id)} <= found


def test_the_index_follows_a_deletion(world, users):
    admin = users["admin"]
    reply_id, letter_id = world.reply.id, world.letter.id
    db.session.delete(world.reply)
    db.session.delete(world.letter)
    db.session.commit()
    assert ("reply", reply_id) not in _found(admin, "AL MEX 3/2026")
    assert ("letter", letter_id) not in _found(admin, "acknowledgement")


def test_a_rolled_back_change_leaves_the_index_as_it_was(world, users):
    world.communication.subject_matter = "Expulsion of a journalist"
    db.session.flush()
    db.session.rollback()
    assert ("case", world.communication.id) not in _found(users["officer"], "journalist")
    assert ("case", world.communication.id) in _found(users["officer"], "deportation")


def test_a_full_rebuild_writes_the_same_documents(world):
    def documents():
        return sorted(db.session.execute(db.select(
            SearchDocument.kind, SearchDocument.object_id, SearchDocument.case_id, SearchDocument.words)).all())

    before = documents()
    reindex_all(db.session)
    db.session.commit()
    assert documents() == before


def test_common_words_show_the_most_recent_matches_and_say_the_answer_is_partial(world, users, monkeypatch):
    from casework.search import query

    monkeypatch.setattr(query, "CANDIDATES", 2)
    results = search(users["admin"], "mexico")
    assert not results.ranked and not results.complete
    assert results.total == 2
    assert [hit.id for hit in results.hits] == sorted((hit.id for hit in results.hits), reverse=True)


def test_however_the_newest_matches_are_looked_for_they_are_the_same(world, users, monkeypatch):
    """Where newest first sorts every match (several words on PostgreSQL), it walks the most recent
    documents, then looks among more of them through the index, when the planner expects many,
    whether those hold enough matches or not. The page shows the same matches every way."""
    from dataclasses import replace

    from casework.search import query

    monkeypatch.setattr(query, "CANDIDATES", 2)
    everywhere = [hit.id for hit in search(users["admin"], "mexico").hits]
    assert len(everywhere) == 2
    matches = db.session.scalars(db.select(SearchDocument.id).where(SearchDocument.words.contains("mexico"))
                                 .order_by(SearchDocument.id.desc())).all()
    assert matches[:2] == everywhere
    real = query.matching
    monkeypatch.setattr(query, "matching", lambda *args: replace(real(*args), sorts=True))
    last = db.session.scalar(db.select(db.func.max(SearchDocument.id)))
    # Expected few; many, with too few among the most recent, just enough (three: more than the two
    # candidates), all of them; each walked first among too few, just enough or all. (On SQLite
    # too: the index's order there is not needed to find them.)
    just_enough = last - matches[2] + 1
    many = query.MANY + 1
    cases = [(1, None, None)] + [(many, recent, walk) for recent in (1, just_enough, last)
                                 for walk in (1, just_enough, last)]
    for expected, recent, walk in cases:
        monkeypatch.setattr(query, "_planned_rows", lambda stmt, expected=expected: expected)
        monkeypatch.setattr(query, "RECENT", recent)
        monkeypatch.setattr(query, "WALK", walk)
        results = search(users["admin"], "mexico")
        assert [hit.id for hit in results.hits] == everywhere, (expected, recent, walk)
        assert not results.complete
    # A start of many words asked alone: walked among too few, just enough or all.
    monkeypatch.setattr(query, "matching", lambda *args: replace(real(*args), wide=True))
    for walk in (1, just_enough, last):
        monkeypatch.setattr(query, "WALK", walk)
        assert [hit.id for hit in search(users["admin"], "mexico").hits] == everywhere, walk
