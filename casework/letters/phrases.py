"""The standard phrases of letters and notes verbales in the six UN languages.

A letter can be drafted in any of them; the secretariat edits the draft, so what matters here
are the UN's standard formulas (letterhead, salutations, closings, a note verbale's opening and
closing).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from flask_babel import lazy_gettext as _l

# The Babel locale a letter's date is written in ("31 March 2027": British English, as the UN writes).
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}

@dataclass(frozen=True)
class Phrases:
    """One language's formulas. `{mission}` is the addressee Mission, `{office}` the sender."""

    office: str
    letterhead: tuple[str, ...]
    place: str
    salutation_state: str
    salutation_states: str  # a circular to several Missions
    salutation_other: str  # companies, organisations, authors and counsel
    close_state_one: str  # one signatory
    close_state_many: str  # a joint letter
    close_other_one: str
    close_other_many: str
    nv_opening: str
    nv_closing: str
    all_missions: str  # how a circular names its addressees
    labels: dict[str, str]
    # The Missions as a note verbale's opening and closing name them, where the language declines
    # them (Russian: dative); empty means as `all_missions`.
    all_missions_addressed: str = ""


def written_date(day: date, language: str) -> str:
    """A date as a letter in `language` writes it, by Babel: "1 March 2027", « 1er mars 2027 »
    (French writes the first day as an ordinal), "1 de marzo de 2027", "2027年3月1日"."""
    text = format_date(day, format="long", locale=_LOCALES.get(language, language if language in PHRASES else "en_GB"))
    if language == "fr" and day.day == 1:
        return "1er" + text[1:]
    return text


PHRASES: dict[str, Phrases] = {
    "en": Phrases(
        office="The Office of the United Nations High Commissioner for Human Rights",
        letterhead=("UNITED NATIONS", "HUMAN RIGHTS", "OFFICE OF THE HIGH COMMISSIONER"),
        place="Geneva",
        salutation_state="Excellency,",
        salutation_states="Excellencies,",
        salutation_other="Dear Sir or Madam,",
        close_state_one="Please accept, Excellency, the assurances of my highest consideration.",
        close_state_many="Please accept, Excellency, the assurances of our highest consideration.",
        close_other_one="Please accept the assurances of my highest consideration.",
        close_other_many="Please accept the assurances of our highest consideration.",
        nv_opening="{office} presents its compliments to the {mission} and has the honour to",
        nv_closing="{office} avails itself of this opportunity to renew to the {mission} "
                   "the assurances of its highest consideration.",
        all_missions="Permanent Missions of the Member and observer States to the United Nations Office "
                     "and other international organizations in Geneva",
        labels={"reference": "Reference", "confidential": "Confidential", "annex": "Annex",
                "copy_to": "Copy to", "draft": "DRAFT", "enclosures": "Enclosures", "subject": "Subject"},
    ),
    "fr": Phrases(
        office="Le Haut-Commissariat des Nations Unies aux droits de l'homme",
        letterhead=("NATIONS UNIES", "DROITS DE L'HOMME", "HAUT-COMMISSARIAT"),
        place="Genève",
        salutation_state="Excellence,",
        salutation_states="Excellences,",
        salutation_other="Madame, Monsieur,",
        close_state_one="Veuillez agréer, Excellence, les assurances de ma très haute considération.",
        close_state_many="Veuillez agréer, Excellence, les assurances de notre très haute considération.",
        close_other_one="Veuillez agréer, Madame, Monsieur, l'expression de ma considération distinguée.",
        close_other_many="Veuillez agréer, Madame, Monsieur, l'expression de notre considération distinguée.",
        nv_opening="{office} présente ses compliments à la {mission} et a l'honneur de",
        nv_closing="{office} saisit cette occasion pour renouveler à la {mission} "
                   "les assurances de sa très haute considération.",
        all_missions="Missions permanentes des États Membres et observateurs auprès de l'Office des "
                     "Nations Unies et des autres organisations internationales à Genève",
        labels={"reference": "Référence", "confidential": "Confidentiel", "annex": "Annexe",
                "copy_to": "Copie à", "draft": "PROJET", "enclosures": "Pièces jointes", "subject": "Objet"},
    ),
    "es": Phrases(
        office="La Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos",
        letterhead=("NACIONES UNIDAS", "DERECHOS HUMANOS", "OFICINA DEL ALTO COMISIONADO"),
        place="Ginebra",
        salutation_state="Excelencia:",
        salutation_states="Excelencias:",
        salutation_other="Estimado señor o estimada señora:",
        close_state_one="Aprovecho la oportunidad para reiterarle, Excelencia, las seguridades de mi más "
                        "alta consideración.",
        close_state_many="Aprovechamos la oportunidad para reiterarle, Excelencia, las seguridades de "
                         "nuestra más alta consideración.",
        close_other_one="Le saluda atentamente,",
        close_other_many="Le saludan atentamente,",
        nv_opening="{office} saluda atentamente a la {mission} y tiene el honor de",
        nv_closing="{office} aprovecha la oportunidad para reiterar a la {mission} "
                   "las seguridades de su más alta consideración.",
        all_missions="Misiones Permanentes de los Estados Miembros y observadores ante la Oficina de las "
                     "Naciones Unidas y otras organizaciones internacionales en Ginebra",
        labels={"reference": "Referencia", "confidential": "Confidencial", "annex": "Anexo",
                "copy_to": "Copia a", "draft": "BORRADOR", "enclosures": "Anexos", "subject": "Asunto"},
    ),
    "ar": Phrases(
        office="مفوضية الأمم المتحدة السامية لحقوق الإنسان",
        letterhead=("الأمم المتحدة", "حقوق الإنسان", "المفوضية السامية"),
        place="جنيف",
        salutation_state="صاحب السعادة،",
        salutation_states="أصحاب السعادة،",
        salutation_other="سيدي/سيدتي،",
        close_state_one="وتفضلوا، صاحب السعادة، بقبول أسمى آيات تقديري.",
        close_state_many="وتفضلوا، صاحب السعادة، بقبول أسمى آيات تقديرنا.",
        close_other_one="وتفضلوا بقبول فائق الاحترام.",
        close_other_many="وتفضلوا بقبول فائق احترامنا.",
        nv_opening="تهدي {office} تحياتها إلى {mission} وتتشرف بأن",
        nv_closing="وتغتنم {office} هذه الفرصة لتعرب مجدداً إلى {mission} عن أسمى آيات تقديرها.",
        all_missions="البعثات الدائمة للدول الأعضاء والدول المراقبة لدى مكتب الأمم المتحدة والمنظمات الدولية "
                     "الأخرى في جنيف",
        labels={"reference": "المرجع", "confidential": "سري", "annex": "المرفق", "copy_to": "نسخة إلى",
                "draft": "مشروع", "enclosures": "المرفقات", "subject": "الموضوع"},
    ),
    "zh": Phrases(
        office="联合国人权事务高级专员办事处",
        letterhead=("联合国", "人权", "高级专员办事处"),
        place="日内瓦",
        salutation_state="阁下：",
        salutation_states="各位阁下：",
        salutation_other="先生/女士：",
        close_state_one="顺致最崇高的敬意。",
        close_state_many="顺致最崇高的敬意。",
        close_other_one="顺致敬意。",
        close_other_many="顺致敬意。",
        nv_opening="{office}向{mission}致意，并谨",
        nv_closing="{office}借此机会再次向{mission}表示最崇高的敬意。",
        all_missions="各会员国和观察员国常驻联合国日内瓦办事处和其他国际组织代表团",
        labels={"reference": "编号", "confidential": "机密", "annex": "附件", "copy_to": "抄送",
                "draft": "草稿", "enclosures": "随附文件", "subject": "事由"},
    ),
    "ru": Phrases(
        office="Управление Верховного комиссара Организации Объединенных Наций по правам человека",
        letterhead=("ОРГАНИЗАЦИЯ ОБЪЕДИНЕННЫХ НАЦИЙ", "ПРАВА ЧЕЛОВЕКА", "УПРАВЛЕНИЕ ВЕРХОВНОГО КОМИССАРА"),
        place="Женева",
        salutation_state="Ваше Превосходительство!",
        salutation_states="Ваши Превосходительства!",
        salutation_other="Уважаемая госпожа, уважаемый господин!",
        close_state_one="Примите, Ваше Превосходительство, уверения в моем самом высоком уважении.",
        close_state_many="Примите, Ваше Превосходительство, уверения в нашем самом высоком уважении.",
        close_other_one="С уважением,",
        close_other_many="С уважением,",
        nv_opening="{office} свидетельствует свое уважение {mission} и имеет честь",
        nv_closing="{office} пользуется случаем, чтобы возобновить {mission} уверения в своем самом высоком "
                   "уважении.",
        all_missions="Постоянные представительства государств-членов и государств-наблюдателей при Отделении "
                     "Организации Объединенных Наций и других международных организациях в Женеве",
        all_missions_addressed="Постоянным представительствам государств-членов и государств-наблюдателей при "
                               "Отделении Организации Объединенных Наций и других международных организациях "
                               "в Женеве",
        labels={"reference": "Исх. №", "confidential": "Конфиденциально", "annex": "Приложение",
                "copy_to": "Копия", "draft": "ПРОЕКТ", "enclosures": "Приложения", "subject": "Тема"},
    ),
}
# The languages a letter may be drafted in, in the order the forms offer them.
LANGUAGES = {"en": _l("English"), "fr": _l("French"), "es": _l("Spanish"), "ar": _l("Arabic"),
             "zh": _l("Chinese"), "ru": _l("Russian")}


def phrases(language: str) -> Phrases:
    """The phrases of a language Casework drafts in (English when unknown)."""
    return PHRASES.get(language, PHRASES["en"])
