"""Articles invoked, written out in a letter as the committee's documents write them, never as codes."""
from __future__ import annotations

import pytest

from casework.communications.articles import articles_in_words
from casework.extensions import db
from casework.letters import operations as letters


@pytest.mark.parametrize(("language", "words"), [
    ("en", "articles 7 and 14 (1) of the Covenant"),
    ("fr", "articles 7 et 14 (par. 1) du Pacte"),
    ("es", "artículos 7 y 14, párrafo 1, del Pacto"),
    ("ru", "статьи 7 и 14 (1) Пакта"),
    ("zh", "《公约》第7条和第14条第1款"),
    ("ar", "المواد 7 و14 (1) من العهد"),
])
def test_the_transmittal_writes_the_articles_out_in_the_letters_language(make_communication, users, language,
                                                                        words):
    case = make_communication(register=True)  # invokes CCPR-7 and CCPR-14-1
    letter = letters.draft_letter("communication_transmittal", language, users["officer"], parent=case)
    db.session.commit()
    assert words in letter.body
    assert "CCPR-" not in letter.body


def test_one_article_of_a_convention_with_a_subparagraph():
    assert articles_in_words(["CAT-3"], "en") == "article 3 of the Convention"
    assert articles_in_words(["CEDAW-2-1-e"], "fr") == "article 2 (par. 1 e)) de la Convention"
    assert articles_in_words(["CCPR-2-3-a"], "ar") == "المادة 2 (3) (أ) من العهد"


def test_a_code_that_does_not_read_as_an_article_is_written_as_typed():
    assert articles_in_words(["CCPR-OP-5-2"], "en") == "CCPR-OP-5-2"
    assert articles_in_words([], "en") == ""
