"""Letters and notes verbales rendered to PDF and read back with pypdf: what a reader sees on
each page, in every layout rule that matters (continuation mark, addressee, signatures,
annexes, watermark), in several languages; and the fetcher that keeps rendering offline."""
from __future__ import annotations

import dataclasses
import io
import os
import subprocess

import pytest
from pypdf import PdfReader

from casework.core.pdf import (
    ForbiddenResourceError, PdfResourceError, font_configuration, preload, render_pdf,
)
from casework.letters.document import Annex, LetterDocument, LetterKind, Party, Signatory
from casework.letters.rendering import render_letter_html, render_letter_pdf

MISSION = "Permanent Mission of the Republic of Xyz"
CLOSING = "Please accept, Excellency, the assurances of our highest consideration."
SIGNATORIES = (
    Signatory("Amara Okonjo-Lind", "Special Rapporteur on the situation of human rights defenders"),
    Signatory("Leena Haapasalo", "Special Rapporteur on the promotion and protection of the right to "
                            "freedom of opinion and expression"),
)
BODY = (
    "We have the honour to address you in our capacities as Special Rapporteur on the situation of "
    "human rights defenders and Special Rapporteur on the promotion and protection of the right to "
    "freedom of opinion and expression, pursuant to Human Rights Council resolutions 52/4 and 52/9.",
    "According to the information received, officers of the State security service searched the offices "
    "of the organisation without presenting a warrant; computers, case files and the telephones of four "
    "staff members were seized, and its coordinator was questioned for eleven hours without a lawyer.",
    "Without prejudging the accuracy of these allegations, we express our serious concern at the arrest "
    "and detention, which appear to be directly linked to peaceful and legitimate work in defence of "
    "human rights and to the legal assistance provided to the families of detained persons.",
    "Please provide the legal and factual basis for the arrest and continued detention, and explain how "
    "these measures are compatible with the obligations of your Excellency's Government under "
    "international human rights law, including the right to liberty and to a fair trial.",
)
ENGLISH_LABELS = {"reference": "Reference", "annex": "Annex", "copy_to": "Copy to",
                  "enclosures": "Enclosures", "draft": "DRAFT", "confidential": "Confidential"}


def letter(n_paragraphs: int = 12, **changes) -> LetterDocument:
    """A joint special-procedures letter with `n_paragraphs` paragraphs of body text."""
    values = dict(
        kind=LetterKind.LETTER, language="en", reference="AL XYZ 3/2026", date_text="12 March 2026",
        place="Geneva",
        letterhead=("United Nations", "Office of the High Commissioner for Human Rights",
                    "Palais des Nations • 1211 Geneva 10, Switzerland"),
        salutation="Excellency,",
        paragraphs=tuple(f"{i + 1}. {BODY[i % len(BODY)]}" for i in range(n_paragraphs)),
        closing=CLOSING, signatories=SIGNATORIES,
        addressees=(Party(MISSION, ("to the United Nations Office and other international organizations",
                                    "in Geneva")),),
        labels=dict(ENGLISH_LABELS),
    )
    values.update(changes)
    return LetterDocument(**values)


def note_verbale(**changes) -> LetterDocument:
    """A French note verbale of the Office to a Permanent Mission."""
    values = dict(
        kind=LetterKind.NOTE_VERBALE, language="fr", reference="G/SO 214 (107-2) XYZ 12/2026",
        date_text="31 mars 2026", place="Genève",
        letterhead=("Nations Unies", "Haut-Commissariat aux droits de l’homme"),
        salutation="", closing="",
        paragraphs=(
            "Le Haut-Commissariat des Nations Unies aux droits de l’homme présente ses compliments à la "
            "Mission permanente de la République de Xyz et a l’honneur de lui transmettre la demande "
            "d’action urgente no 1843/2026.",
            "Le Haut-Commissariat saisit cette occasion pour renouveler à la Mission permanente les "
            "assurances de sa très haute considération.",
        ),
        addressees=(Party("Mission permanente de la République de Xyz",
                          ("auprès de l’Office des Nations Unies à Genève",)),),
        labels={"reference": "Référence", "draft": "PROJET", "annex": "Annexe"},
    )
    values.update(changes)
    return LetterDocument(**values)


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page, whitespace collapsed (justified lines carry extra spaces)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def font_names(pdf: bytes) -> set[str]:
    """The base names of every font used on any page."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


# ---- Letters ------------------------------------------------------------------------------------

def test_two_page_letter(app):
    pages = page_texts(render_letter_pdf(letter()))

    assert len(pages) == 2
    first, last = pages
    assert "REFERENCE: AL XYZ 3/2026" in first
    assert "Geneva, 12 March 2026" in first
    assert "Excellency," in first
    assert MISSION in first  # the addressee block at the foot of page 1
    assert MISSION not in last
    assert CLOSING in last
    for signatory in SIGNATORIES:
        assert signatory.name in last
        assert signatory.title in last
    assert CLOSING in last and last.index(CLOSING) < last.index(SIGNATORIES[0].name)


def test_continuation_mark_on_every_page_but_the_last(app):
    two = page_texts(render_letter_pdf(letter()))
    three = page_texts(render_letter_pdf(letter(n_paragraphs=24)))

    assert len(two) == 2 and len(three) == 3
    assert ["/..." in text for text in two] == [True, False]
    assert ["/..." in text for text in three] == [True, True, False]


@pytest.mark.parametrize("n_paragraphs", range(5, 13))
def test_continuation_mark_wherever_the_text_ends(app, n_paragraphs):
    """Whether the signatures end high on a page, low on it or spill over, only the last page lacks it."""
    pages = page_texts(render_letter_pdf(letter(n_paragraphs=n_paragraphs)))

    assert ["/..." in text for text in pages] == [True] * (len(pages) - 1) + [False]


def test_one_page_letter_has_no_continuation_mark_and_no_page_number(app):
    pages = page_texts(render_letter_pdf(letter(n_paragraphs=2)))

    assert len(pages) == 1
    assert "/..." not in pages[0]
    assert "- 1 -" not in pages[0]


def test_pages_after_the_first_are_numbered(app):
    pages = page_texts(render_letter_pdf(letter(n_paragraphs=24)))

    assert "- 1 -" not in pages[0]  # the first page carries the addressee instead
    assert "- 2 -" in pages[1]
    assert "- 3 -" in pages[2]


def test_joint_letter_signatures_sit_side_by_side(app):
    signatories = tuple(Signatory(f"Mandate Holder {n}", f"Special Rapporteur number {n}") for n in range(1, 8))
    pdf = render_letter_pdf(letter(n_paragraphs=1, signatories=signatories))
    positions: dict[str, tuple[int, float, float]] = {}

    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        def visit(text, cm, tm, font_dict, font_size, number=number):
            if text.startswith("Mandate Holder"):
                positions[text.strip()] = (number, tm[4], tm[5])

        page.extract_text(visitor_text=visit)

    text = " ".join(page_texts(pdf))
    for signatory in signatories:
        assert signatory.name in text and signatory.title in text
    (p1, x1, y1), (p2, x2, y2), (p3, x3, y3) = (positions[f"Mandate Holder {n}"] for n in (1, 2, 3))
    assert (p1, y1) == (p2, pytest.approx(y2)) and x2 > x1 + 150  # two columns
    assert x3 == pytest.approx(x1) and (p3, y3) != (p1, pytest.approx(y1))  # the third starts a new row


def test_confidential_marking_subject_and_copies_on_the_first_page(app):
    document = letter(
        confidential=True, subject="Arrest of a human rights defender",
        copies_to=(Party("Permanent Mission of Utopia", ("to the United Nations Office at Geneva",)),),
    )
    first, last = page_texts(render_letter_pdf(document))

    assert first.index("REFERENCE") < first.index("CONFIDENTIAL") < first.index("Excellency,")
    assert first.index("Arrest of a human rights defender") < first.index("Excellency,")
    assert first.index(MISSION) < first.index("Copy to: Permanent Mission of Utopia")
    assert "Permanent Mission of Utopia" not in last
    assert "CONFIDENTIAL" not in page_texts(render_letter_pdf(letter()))[0]


def test_enclosures_are_listed_after_the_signatures_on_the_last_page(app):
    document = letter(enclosures=("List of alleged victims", "Copy of the court decision"))
    first, last = page_texts(render_letter_pdf(document))

    assert "Enclosures" not in first
    enclosures = "Enclosures: List of alleged victims Copy of the court decision"
    assert last.index(SIGNATORIES[-1].title) < last.index(enclosures)


def test_annex_starts_a_new_page_with_its_title(app):
    annex = Annex("Reference to international human rights law",
                  ("We would like to refer to articles 9, 14, 19 and 22 of the International Covenant.",))
    pages = page_texts(render_letter_pdf(letter(n_paragraphs=3, annexes=(annex,))))

    assert len(pages) == 2
    assert CLOSING in pages[0] and "Reference to international human rights law" not in pages[0]
    assert pages[1].startswith("Annex Reference to international human rights law")
    assert "articles 9, 14, 19 and 22" in pages[1]
    assert ["/..." in text for text in pages] == [True, False]


def test_several_annexes_are_numbered_each_on_its_own_page(app):
    annexes = (Annex("International law"), Annex("List of alleged victims"))
    pages = page_texts(render_letter_pdf(letter(n_paragraphs=3, annexes=annexes)))

    assert len(pages) == 3
    assert pages[1].startswith("Annex I International law")
    assert pages[2].startswith("Annex II List of alleged victims")


def test_draft_has_a_watermark_on_every_page_and_the_final_has_none(app):
    draft = page_texts(render_letter_pdf(letter(draft=True)))
    final = page_texts(render_letter_pdf(letter()))

    assert len(draft) == 2
    assert all("DRAFT" in text for text in draft)
    assert not any("DRAFT" in text for text in final)
    french_draft = page_texts(render_letter_pdf(note_verbale(draft=True)))
    assert "PROJET" in french_draft[0] and "DRAFT" not in french_draft[0]


@pytest.mark.parametrize("word", ["DRAFT", "PROJET", "BORRADOR", "ЧЕРНОВИК"])
def test_the_watermark_stays_whole_on_the_page(app, word, tmp_path):
    """The grey word never runs off the paper, however long it is in the letter's language."""
    from PIL import Image

    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(render_letter_pdf(letter(n_paragraphs=1, draft=True, labels={**ENGLISH_LABELS, "draft": word})))
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    edge = [(x, y) for x in range(width) for y in (0, 1, height - 2, height - 1)] + \
           [(x, y) for y in range(height) for x in (0, 1, width - 2, width - 1)]
    watermark_grey = [xy for xy in edge if 200 <= image.getpixel(xy) <= 235]
    assert watermark_grey == []
    assert sum(1 for x in range(width) for y in range(height) if 200 <= image.getpixel((x, y)) <= 235) > 500


def test_letter_in_french_with_french_labels(app):
    document = letter(
        n_paragraphs=2, language="fr", date_text="31 mars 2026", place="Genève", salutation="Excellence,",
        paragraphs=("Nous avons l’honneur de nous adresser à vous en notre qualité de Rapporteuse spéciale "
                    "sur la situation des défenseurs des droits de l’homme.",),
        closing="Veuillez agréer, Excellence, l’assurance de notre très haute considération.",
        addressees=(Party("Mission permanente de la République de Xyz", ("à Genève",)),),
        copies_to=(Party("Mission permanente de l’Utopie"),),
        annexes=(Annex("Références au droit international"),),
        labels={"reference": "Référence", "annex": "Annexe", "copy_to": "Copie"},
    )
    pages = page_texts(render_letter_pdf(document))

    assert "RÉFÉRENCE : AL XYZ 3/2026" in pages[0]
    assert "Genève, 31 mars 2026" in pages[0]
    assert "Excellence," in pages[0]
    assert "Copie : Mission permanente de l’Utopie" in pages[0]
    assert "Veuillez agréer, Excellence, l’assurance de notre très haute considération." in pages[0]
    assert pages[-1].startswith("Annexe Références au droit international")


# ---- Notes verbales -----------------------------------------------------------------------------

def test_note_verbale_is_unsigned_and_ends_with_place_and_date(app):
    pages = page_texts(render_letter_pdf(note_verbale()))

    assert len(pages) == 1
    text = pages[0]
    assert "Excellence" not in text and "Excellency" not in text
    assert "RÉFÉRENCE : G/SO 214 (107-2) XYZ 12/2026" in text
    # Addressed at the top: the Mission comes before the opening formula.
    assert text.index("Mission permanente de la République de Xyz auprès") < text.index("présente ses compliments")
    assert text.endswith("très haute considération. Genève, 31 mars 2026")
    assert text.count("31 mars 2026") == 1  # the date only at the end
    assert "/..." not in text


def test_long_note_verbale_keeps_place_and_date_with_the_closing_formula(app):
    opening, closing = note_verbale().paragraphs
    for n_body in range(2, 16, 3):
        pages = page_texts(render_letter_pdf(note_verbale(paragraphs=(opening, *BODY * 4)[:n_body] + (closing,))))

        assert ["/..." in text for text in pages] == [True] * (len(pages) - 1) + [False]
        assert "très haute considération. Genève, 31 mars 2026" in pages[-1]
        if len(pages) > 1:
            assert pages[-1].endswith(f"Genève, 31 mars 2026 - {len(pages)} -")


# ---- Languages ----------------------------------------------------------------------------------

def test_russian_text_is_real_text(app):
    document = letter(
        n_paragraphs=1, language="ru", place="Женева", date_text="12 марта 2026 года",
        salutation="Ваше Превосходительство,",
        paragraphs=("Имеем честь обратиться к Вам в нашем качестве Специального докладчика.",),
        closing="Примите, Ваше Превосходительство, уверения в нашем самом высоком уважении.",
        addressees=(Party("Постоянное представительство Республики Икс"),),
        labels={"reference": "Ссылка"},
    )
    text = page_texts(render_letter_pdf(document))[0]

    for phrase in ("ССЫЛКА: AL XYZ 3/2026", "Женева, 12 марта 2026 года", "Ваше Превосходительство,",
                   "Имеем честь обратиться к Вам", "Постоянное представительство Республики Икс"):
        assert phrase in text


def test_chinese_text_is_real_text_in_simplified_chinese_glyphs(app):
    document = letter(
        n_paragraphs=1, language="zh", place="日内瓦", date_text="2026年3月12日", salutation="阁下：",
        paragraphs=("我们谨以人权维护者处境问题特别报告员的身份致函阁下。",), closing="顺致最崇高的敬意。",
        addressees=(Party("某共和国常驻代表团"),), labels={"reference": "编号"},
    )
    pdf = render_letter_pdf(document)
    text = page_texts(pdf)[0]

    for phrase in ("日内瓦，2026年3月12日", "阁下：", "我们谨以人权维护者处境问题特别报告员的身份", "顺致最崇高的敬意。",
                   "某共和国常驻代表团"):
        assert phrase in text
    assert 'lang="zh-CN"' in render_letter_html(document)
    assert any("CJK-SC" in name for name in font_names(pdf))
    assert not any("CJK-JP" in name for name in font_names(pdf))


def test_arabic_is_right_to_left_in_an_arabic_font(app):
    document = letter(
        n_paragraphs=1, language="ar", place="جنيف", date_text="12 آذار/مارس 2026", salutation="أصحاب السعادة،",
        paragraphs=("يشرفنا أن نكتب إليكم بصفتنا المقررة الخاصة المعنية بحالة المدافعين عن حقوق الإنسان.",),
        closing="وتفضلوا، أصحاب السعادة، بقبول فائق الاحترام.",
        addressees=(Party("البعثة الدائمة لجمهورية س"),), labels={"reference": "المرجع"},
    )
    html = render_letter_html(document)
    pdf = render_letter_pdf(document)

    assert 'lang="ar" dir="rtl"' in html
    assert any("Arabic" in name for name in font_names(pdf))
    # Shaped Arabic may come back in presentation forms or another order; the script must be there.
    text = page_texts(pdf)[0]
    assert sum("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text) > 50
    assert "AL XYZ 3/2026" in text


# ---- Safety of the HTML and of the fetcher ------------------------------------------------------

def test_letter_text_is_escaped(app):
    document = letter(n_paragraphs=0, paragraphs=('<img src="http://example.org/x.png"> & <b>bold</b>',))

    html = render_letter_html(document)
    text = page_texts(render_letter_pdf(document))[0]

    assert "<img src=\"http://example.org" not in html
    assert '<img src="http://example.org/x.png"> & <b>bold</b>' in text


def test_fetcher_refuses_the_network(app):
    with pytest.raises(ForbiddenResourceError, match="http://example.org/x.png"):
        render_pdf('<p>Logo <img src="http://example.org/x.png"></p>')


def test_fetcher_refuses_files_outside_the_static_folder(app, tmp_path):
    outside = tmp_path / "secret.css"
    outside.write_text("p { color: red }", encoding="utf-8")

    with pytest.raises(ForbiddenResourceError, match="only files in the static folder"):
        render_pdf(f'<link rel="stylesheet" href="{outside.as_uri()}"><p>x</p>')
    with pytest.raises(ForbiddenResourceError):
        render_pdf('<img src="/static/../config.py">')
    with pytest.raises(ForbiddenResourceError):
        render_pdf('<img src="/static/%2e%2e/config.py">')
    with pytest.raises(ForbiddenResourceError):
        render_pdf('<img src="file:///etc/passwd">')


def test_fetcher_refuses_a_symlink_out_of_the_static_folder(app, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "secret.svg").write_text(SVG, encoding="utf-8")
    (static / "link.svg").symlink_to(tmp_path / "secret.svg")

    with pytest.raises(ForbiddenResourceError):
        render_pdf('<img src="/static/link.svg">', static_folder=static)


def test_fetcher_serves_static_files_and_data_urls(app, tmp_path):
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "img" / "seal.svg").write_text(SVG, encoding="utf-8")

    pdf = render_pdf(f'<img src="/static/img/seal.svg"><img src="{static.joinpath("img", "seal.svg").as_uri()}">'
                     '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22'
                     ' height=%2210%22/%3E"><p>Sealed</p>', static_folder=static)

    assert page_texts(pdf) == ["Sealed"]


def test_missing_static_file_is_a_clear_error(app):
    with pytest.raises(PdfResourceError, match="not found.*no-such-logo.png"):
        render_pdf('<img src="/static/img/no-such-logo.png">')


def test_stylesheets_come_from_the_static_folder_and_follow_its_changes(app, tmp_path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    sheet = static / "css" / "print.css"
    sheet.write_text('p::after { content: " (first)" }', encoding="utf-8")
    first = page_texts(render_pdf("<p>Text</p>", static_folder=static, stylesheets=("css/print.css",)))
    sheet.write_text('p::after { content: " (second)" }', encoding="utf-8")
    os.utime(sheet, ns=(sheet.stat().st_atime_ns, sheet.stat().st_mtime_ns + 1_000_000_000))
    second = page_texts(render_pdf("<p>Text</p>", static_folder=static, stylesheets=("css/print.css",)))

    assert (first, second) == (["Text (first)"], ["Text (second)"])
    with pytest.raises(PdfResourceError, match="not found"):
        render_pdf("<p>Text</p>", static_folder=static, stylesheets=("css/missing.css",))


def test_letters_render_in_a_job_without_server_name_and_in_a_request(app, monkeypatch):
    """Jobs have an app context but no request: nothing may depend on url_for() there."""
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    in_job = page_texts(render_letter_pdf(letter()))
    with app.test_request_context("/letters/1/preview", base_url="https://casework.example.org/sub/"):
        in_request = page_texts(render_letter_pdf(letter()))

    assert in_job == in_request
    assert ["/..." in text for text in in_job] == [True, False]  # the print stylesheet was applied


def test_one_font_configuration_per_process(app):
    preload()

    assert font_configuration() is font_configuration()


def test_letter_document_is_plain_data():
    """The template's input can be copied and compared: nothing in it is tied to a database."""
    document = letter()

    assert dataclasses.replace(document) == document


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
