"""The note verbale that raises a reprisals case with the State, through the letters machinery.

The letter is a child case of the reprisals case: it is confidential like it and visible exactly
where the case is. The victims are named only when their consent allows it; otherwise the letter
speaks of "a person who cooperated with the United Nations".
"""
from __future__ import annotations

from casework.letters import operations as letter_ops
from casework.letters.document import LetterKind
from casework.letters.models import Letter
from casework.letters.types import LetterContext, LetterType
from casework.reprisals.models import UN_BODY_LABELS, ConsentScope, ReprisalCase

CASE_TYPES = frozenset({"reprisal"})
RAISE_WITH_STATE = "reprisal_raise_with_state"


def reprisal_context(case: ReprisalCase) -> dict[str, str]:
    """Plain values for the letter, within what the consent allows."""
    consent = case.valid_consent
    named = consent is not None and consent.scope is ConsentScope.MAY_BE_NAMED
    victims = "; ".join(v.display_name for v in case.victims) if named else ""
    acts = "; ".join(f"{a.category.value.replace('_', ' ')} ({a.occurred_on.isoformat()})" for a in case.acts)
    return {
        "state": case.state.name,
        "victims": victims,
        "body": case.engaged_body_name or UN_BODY_LABELS[case.engaged_body],
        "acts": acts,
    }


_TEXTS = {
    "en": ("bring to its attention information received concerning {who}, who cooperated with the United "
           "Nations ({body}) and was reportedly subjected to the following: {acts}.\n\n"
           "The Office would be grateful for the Government's observations on these allegations and on the "
           "measures taken to ensure that no one suffers intimidation or reprisal for cooperating with the "
           "United Nations.\n\n"),
    "fr": ("porter à son attention des informations reçues concernant {who}, qui a coopéré avec l'Organisation "
           "des Nations Unies ({body}) et aurait fait l'objet des actes suivants : {acts}.\n\n"),
    "es": ("señalar a su atención la información recibida sobre {who}, que cooperó con las Naciones Unidas "
           "({body}) y habría sido objeto de lo siguiente: {acts}.\n\n"),
    "ar": ("توجه انتباهها إلى معلومات وردت بشأن {who}، تعاون مع الأمم المتحدة ({body}) ويُدعى أنه تعرض لما يلي: "
           "{acts}.\n\n"
           "وستكون المفوضية ممتنة لو تفضلت الحكومة بموافاتها بملاحظاتها على هذه الادعاءات وعلى التدابير المتخذة "
           "لضمان عدم تعرض أي شخص للترهيب أو الانتقام بسبب تعاونه مع الأمم المتحدة.\n\n"),
    "zh": ("提请其注意所收到的关于{who}的资料。此人曾与联合国（{body}）合作，据称遭受了以下对待：{acts}。\n\n"
           "如政府能就上述指控以及为确保任何人不因与联合国合作而遭受恐吓或报复所采取的措施提出意见，"
           "人权高专办将不胜感激。\n\n"),
    "ru": ("довести до его сведения полученную информацию о {who}, сотрудничавшем(ей) с Организацией "
           "Объединенных Наций ({body}) и, как утверждается, подвергшемся(ейся) следующему: {acts}.\n\n"
           "Управление было бы признательно правительству за замечания по этим утверждениям и о мерах, "
           "принятых для обеспечения того, чтобы никто не подвергался запугиванию или репрессиям за "
           "сотрудничество с Организацией Объединенных Наций.\n\n"),
}
_SOMEONE = {"en": "a person", "fr": "une personne", "es": "una persona", "ar": "شخص", "zh": "一人",
            "ru": "лице"}


def _subject(context: LetterContext, language: str) -> str:
    return f"{context.reference}: {context.state_in(language)}"


def _body(context: LetterContext, language: str) -> str:
    extra = context.extra
    text = _TEXTS.get(language, _TEXTS["en"])
    who = extra.get("victims") or _SOMEONE.get(language, _SOMEONE["en"])
    return text.format(who=who, body=extra.get("body", ""), acts=extra.get("acts") or "…")


RAISING_LETTER = LetterType(
    key=RAISE_WITH_STATE, label="Note verbale raising a case of reprisal with the State",
    kind=LetterKind.NOTE_VERBALE, subject=_subject, body=_body, case_types=CASE_TYPES,
)


def draft_raising_letter(case: ReprisalCase, actor, language: str = "en") -> Letter:
    """The note verbale to the State's Mission, as a draft of the case (confidential like it)."""
    return letter_ops.draft_letter(RAISE_WITH_STATE, language, actor, parent=case)
