"""The letters of the petitions procedure, filled in from the case in the six UN languages.

A note verbale's body continues its opening ("… presents its compliments … and has the honour
to"); a letter to an author is written out in full. The officer edits the draft before approval.
"""
from __future__ import annotations

from datetime import date

from babel.units import format_unit

from casework.communications.articles import articles_in_words
from casework.letters.document import LetterKind
from casework.letters.phrases import written_date
from casework.letters.types import LetterContext, LetterType

CASE_TYPES = frozenset({"communication"})


def _texts(**by_language: str):
    def fill(context: LetterContext, language: str) -> str:
        text = by_language.get(language, by_language["en"])
        return text.format(c=context, x=_Fields({**context.extra, "state": context.state_in(language)}, language))

    return fill


def written_period(months: int, days: int, language: str) -> str:
    """A period as the letter's language writes it: "180 days", "180 jours", "6 meses"."""
    parts = [format_unit(n, unit, length="long", locale=_locale(language))
             for n, unit in ((months, "duration-month"), (days, "duration-day")) if n]
    return " ".join(parts) or format_unit(0, "duration-day", length="long", locale=_locale(language))


def _locale(language: str) -> str:
    return {"en": "en_GB"}.get(language, language)


# The committees' names in the languages `CommitteeRules` does not carry (UNTERM).
COMMITTEE_NAMES = {
    "ar": {"CCPR": "اللجنة المعنية بحقوق الإنسان", "CAT": "لجنة مناهضة التعذيب",
           "CERD": "لجنة القضاء على التمييز العنصري", "CEDAW": "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
           "CESCR": "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية", "CRC": "لجنة حقوق الطفل",
           "CRPD": "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة", "CED": "اللجنة المعنية بحالات الاختفاء القسري",
           "CMW": "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين وأفراد أسرهم"},
    "zh": {"CCPR": "人权事务委员会", "CAT": "禁止酷刑委员会", "CERD": "消除种族歧视委员会",
           "CEDAW": "消除对妇女歧视委员会", "CESCR": "经济、社会及文化权利委员会", "CRC": "儿童权利委员会",
           "CRPD": "残疾人权利委员会", "CED": "强迫失踪问题委员会",
           "CMW": "保护所有移徙工人及其家庭成员权利委员会"},
    "ru": {"CCPR": "Комитет по правам человека", "CAT": "Комитет против пыток",
           "CERD": "Комитет по ликвидации расовой дискриминации",
           "CEDAW": "Комитет по ликвидации дискриминации в отношении женщин",
           "CESCR": "Комитет по экономическим, социальным и культурным правам", "CRC": "Комитет по правам ребенка",
           "CRPD": "Комитет по правам инвалидов", "CED": "Комитет по насильственным исчезновениям",
           "CMW": "Комитет по защите прав всех трудящихся-мигрантов и членов их семей"},
}

# Paragraphs that appear only when the case calls for them: (field that must be filled, texts).
_PARAGRAPHS = {
    "interim_measures_request": ("interim_measures", {
        "en": "The State party is further requested, under the committee's rules of procedure, to take the "
              "following interim measures while the communication is under consideration: {value}.",
        "fr": "L'État partie est en outre prié, conformément au règlement intérieur du comité, de prendre les "
              "mesures provisoires suivantes pendant l'examen de la communication : {value}.",
        "es": "Se solicita además al Estado parte, de conformidad con el reglamento del comité, que adopte las "
              "medidas provisionales siguientes mientras se examina la comunicación: {value}.",
        "ar": "ويُطلب كذلك إلى الدولة الطرف، وفقاً للنظام الداخلي للجنة، أن تتخذ التدابير المؤقتة التالية ريثما "
              "يجري النظر في البلاغ: {value}.",
        "zh": "根据委员会议事规则，还请缔约国在审议来文期间采取以下临时措施：{value}。",
        "ru": "В соответствии с правилами процедуры Комитета государству-участнику предлагается также принять "
              "следующие временные меры на период рассмотрения сообщения: {value}.",
    }),
    "follow_up_request": ("follow_up_period", {
        "en": "The State party is requested to submit, within {value}, information on the measures taken to "
              "give effect to the Committee's Views.",
        "fr": "L'État partie est prié de soumettre, dans un délai de {value}, des renseignements sur les mesures "
              "prises pour donner effet aux constatations du Comité.",
        "es": "Se solicita al Estado parte que presente, en un plazo de {value}, información sobre las medidas "
              "adoptadas para aplicar el dictamen del Comité.",
        "ar": "ويُطلب إلى الدولة الطرف أن تقدم، في غضون {value}، معلومات عن التدابير المتخذة لإعمال آراء اللجنة.",
        "zh": "请缔约国在{value}内提交资料，说明为落实委员会意见所采取的措施。",
        "ru": "Государству-участнику предлагается представить в течение {value} информацию о мерах, принятых "
              "во исполнение соображений Комитета.",
    }),
}


class _Fields(dict):
    """Case fields for the templates; a field the case does not have yet reads as "[…]"."""

    def __init__(self, fields: dict[str, str], language: str):
        super().__init__(fields)
        self.language = language

    def __getitem__(self, key: str) -> str:
        if key in _PARAGRAPHS:
            source, texts = _PARAGRAPHS[key]
            value = self.period(source) if source.endswith("_period") else super().get(source)
            return texts.get(self.language, texts["en"]).format(value=value) if value else ""
        if key == "articles" and super().get(key):
            return articles_in_words(super().get(key).split(","), self.language)
        if key == "committee" and self.language in COMMITTEE_NAMES:
            return COMMITTEE_NAMES[self.language].get(super().get("committee_code", ""), super().get(key, ""))
        if key == "committee":
            key = {"fr": "committee_fr", "es": "committee_es"}.get(self.language, key)
        value = super().get(key) or "[…]"
        if key.endswith(("_due", "_date", "_on")) and value != "[…]":
            return written_date(date.fromisoformat(value), self.language)
        return value

    def period(self, name: str) -> str:
        """`follow_up_period` from the case's `follow_up_months` and `follow_up_days`; "" if it has none."""
        stem = name.removesuffix("_period")
        months, days = (int(super(_Fields, self).get(f"{stem}_{unit}") or 0) for unit in ("months", "days"))
        return written_period(months, days, self.language) if months or days else ""


SUBJECT = _texts(
    en="Communication No. {x[number]} ({c.title})", fr="Communication no {x[number]} ({c.title})",
    es="Comunicación núm. {x[number]} ({c.title})", ar="البلاغ رقم {x[number]} ({c.title})",
    zh="第{x[number]}号来文（{c.title}）", ru="Сообщение № {x[number]} ({c.title})",
)
SUBJECT_UNREGISTERED = _texts(en="Your submission to the {x[committee]}", fr="Votre requête au {x[committee]}",
                              es="Su comunicación al {x[committee]}", ar="رسالتكم الموجهة إلى {x[committee]}",
                              zh="您致{x[committee]}的来文", ru="Ваше обращение в {x[committee]}")


LETTER_TYPES: list[LetterType] = []  # installed with the module (`module.py`)


def _letter_type(key: str, label: str, kind: LetterKind, body, subject=SUBJECT) -> None:
    LETTER_TYPES.append(LetterType(key=f"communication_{key}", label=label, kind=kind, subject=subject, body=body,
                                   case_types=CASE_TYPES))


_letter_type("acknowledgement", "Acknowledgement to the author", LetterKind.LETTER, _texts(
    en="I have the honour to acknowledge receipt of your submission of {x[received_on]} to the {x[committee]} "
       "concerning {x[state]}.\n\nIt will be examined to determine whether it can be registered under the "
       "procedure. You will be informed of the outcome.",
    fr="J'ai l'honneur d'accuser réception de votre requête du {x[received_on]} adressée au {x[committee]} "
       "concernant l'État suivant : {x[state]}.\n\nElle sera examinée afin de déterminer si elle peut être "
       "enregistrée. Vous serez informé(e) de la suite qui lui sera donnée.",
    es="Tengo el honor de acusar recibo de su comunicación de {x[received_on]} dirigida al {x[committee]} "
       "relativa al Estado siguiente: {x[state]}.\n\nSerá examinada para determinar si puede registrarse. "
       "Se le informará del resultado.",
    ar="أتشرف بأن أفيدكم باستلام رسالتكم المؤرخة {x[received_on]} الموجهة إلى {x[committee]} بشأن الدولة "
       "التالية: {x[state]}.\n\nوستُدرس الرسالة لتحديد ما إذا كان يمكن تسجيلها في إطار الإجراء. وستُبلَّغون "
       "بنتيجة ذلك.",
    zh="谨确认收到您{x[received_on]}致{x[committee]}的来文，所涉国家：{x[state]}。\n\n"
       "该来文将经审查，以确定能否根据该程序予以登记。审查结果将通知您。",
    ru="Имею честь подтвердить получение Вашего обращения от {x[received_on]}, направленного в {x[committee]} "
       "и касающегося следующего государства: {x[state]}.\n\nОно будет рассмотрено на предмет возможности его "
       "регистрации в рамках процедуры. О результатах Вам будет сообщено.",
), subject=SUBJECT_UNREGISTERED)

_letter_type("clarification", "Request for clarification to the author", LetterKind.LETTER, _texts(
    en="I have the honour to refer to your submission of {x[received_on]} to the {x[committee]}.\n\n"
       "Before it can be registered, please provide within two months:\n\n1. \n2. \n\n"
       "If no reply is received, the file will be closed.",
    fr="J'ai l'honneur de me référer à votre requête du {x[received_on]} adressée au {x[committee]}.\n\n"
       "Avant de pouvoir l'enregistrer, je vous prie de fournir dans un délai de deux mois :\n\n1. \n2. \n\n"
       "Sans réponse de votre part, le dossier sera classé.",
    es="Tengo el honor de referirme a su comunicación de {x[received_on]} dirigida al {x[committee]}.\n\n"
       "Antes de poder registrarla, le ruego que facilite en un plazo de dos meses:\n\n1. \n2. \n\n"
       "De no recibirse respuesta, se archivará el expediente.",
    ar="أتشرف بأن أشير إلى رسالتكم المؤرخة {x[received_on]} الموجهة إلى {x[committee]}.\n\n"
       "وقبل أن يتسنى تسجيلها، يُرجى تقديم ما يلي في غضون شهرين:\n\n1. \n2. \n\n"
       "وفي حال عدم ورود رد، سيُغلق الملف.",
    zh="谨提及您{x[received_on]}致{x[committee]}的来文。\n\n在予以登记之前，请在两个月内提供以下资料：\n\n"
       "1. \n2. \n\n如未收到答复，将结案归档。",
    ru="Имею честь сослаться на Ваше обращение от {x[received_on]}, направленное в {x[committee]}.\n\n"
       "Для его регистрации просим Вас в течение двух месяцев представить:\n\n1. \n2. \n\n"
       "В отсутствие ответа дело будет закрыто.",
), subject=SUBJECT_UNREGISTERED)

_letter_type("registration", "Registration letter to the author", LetterKind.LETTER, _texts(
    en="I have the honour to inform you that your communication has been registered as No. {x[number]} and "
       "transmitted to {x[state]} with a request for its observations.\n\nYou will receive a copy of them "
       "for your comments.",
    fr="J'ai l'honneur de vous informer que votre communication a été enregistrée sous le no {x[number]} et "
       "transmise à l'État suivant : {x[state]}, avec une demande d'observations.\n\nCelles-ci vous seront "
       "communiquées pour commentaires.",
    es="Tengo el honor de informarle de que su comunicación ha sido registrada con el núm. {x[number]} y "
       "transmitida al Estado siguiente: {x[state]}, con una solicitud de observaciones.\n\nSe le "
       "transmitirán para que formule sus comentarios.",
    ar="أتشرف بأن أبلغكم بأن بلاغكم قد سُجل تحت الرقم {x[number]} وأُحيل إلى الدولة التالية: {x[state]}، مع "
       "طلب تقديم ملاحظاتها.\n\nوستتلقون نسخة منها لإبداء تعليقاتكم عليها.",
    zh="谨通知您，您的来文已登记为第{x[number]}号，并已转交以下国家：{x[state]}，请其提交意见。\n\n"
       "您将收到该意见的副本，以便提出评论。",
    ru="Имею честь сообщить Вам, что Ваше сообщение зарегистрировано под № {x[number]} и препровождено "
       "следующему государству: {x[state]}, с просьбой представить свои замечания.\n\nОни будут направлены "
       "Вам для комментариев.",
))

_letter_type("transmittal", "Transmittal note verbale to the State party", LetterKind.NOTE_VERBALE, _texts(
    en="transmit communication No. {x[number]}, submitted to the {x[committee]} ({x[articles]}).\n\n"
       "The State party is requested to submit its observations on the admissibility and the merits by "
       "{x[state_observations_due]}. If it wishes to contest admissibility alone, it may do so by "
       "{x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    fr="transmettre la communication no {x[number]}, soumise au {x[committee]} ({x[articles]}).\n\n"
       "L'État partie est prié de soumettre ses observations sur la recevabilité et le fond d'ici le "
       "{x[state_observations_due]}. S'il souhaite contester la seule recevabilité, il peut le faire d'ici le "
       "{x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    es="transmitir la comunicación núm. {x[number]}, presentada al {x[committee]} ({x[articles]}).\n\n"
       "Se solicita al Estado parte que presente sus observaciones sobre la admisibilidad y el fondo a más "
       "tardar el {x[state_observations_due]}. Si desea impugnar solo la admisibilidad, podrá hacerlo a más "
       "tardar el {x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    ar="تحيل البلاغ رقم {x[number]} المقدم إلى {x[committee]} ({x[articles]}).\n\n"
       "ويُطلب إلى الدولة الطرف أن تقدم ملاحظاتها بشأن المقبولية والأسس الموضوعية في موعد أقصاه "
       "{x[state_observations_due]}. وإذا رغبت في الطعن في المقبولية وحدها، جاز لها ذلك في موعد أقصاه "
       "{x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    zh="转递向{x[committee]}提交的第{x[number]}号来文（{x[articles]}）。\n\n"
       "请缔约国于{x[state_observations_due]}之前就可否受理问题和案情提交意见。如缔约国仅希望对可否受理问题提出异议，"
       "可于{x[admissibility_request_due]}之前提出。\n\n{x[interim_measures_request]}",
    ru="препроводить сообщение № {x[number]}, представленное в {x[committee]} ({x[articles]}).\n\n"
       "Государству-участнику предлагается представить свои замечания относительно приемлемости и существа "
       "сообщения не позднее {x[state_observations_due]}. Если оно желает оспорить только приемлемость, оно "
       "может сделать это не позднее {x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
))

_letter_type("interim_measures", "Interim measures note verbale", LetterKind.NOTE_VERBALE, _texts(
    en="inform it that, acting through its Special Rapporteur on new communications and interim measures, the "
       "{x[committee]} has requested the State party, while the communication concerning {c.title} is under "
       "consideration, to take the following interim measures: {x[interim_measures]}.",
    fr="l'informer que, par l'intermédiaire de son Rapporteur spécial chargé des nouvelles communications et "
       "des mesures provisoires, le {x[committee]} a prié l'État partie, pendant l'examen de la communication "
       "concernant {c.title}, de prendre les mesures provisoires suivantes : {x[interim_measures]}.",
    es="informarle de que, por conducto de su Relator Especial sobre nuevas comunicaciones y medidas "
       "provisionales, el {x[committee]} ha solicitado al Estado parte que, mientras se examina la "
       "comunicación relativa a {c.title}, adopte las medidas provisionales siguientes: {x[interim_measures]}.",
    ar="تبلغها بأن {x[committee]}، متصرفةً عن طريق مقررها الخاص المعني بالبلاغات الجديدة والتدابير المؤقتة، "
       "قد طلبت إلى الدولة الطرف أن تتخذ، ريثما يجري النظر في البلاغ المتعلق بـ {c.title}، التدابير المؤقتة "
       "التالية: {x[interim_measures]}.",
    zh="通知，{x[committee]}已通过其新来文和临时措施问题特别报告员，请缔约国在审议关于{c.title}的来文期间，"
       "采取以下临时措施：{x[interim_measures]}。",
    ru="сообщить, что {x[committee]}, действуя через своего Специального докладчика по новым сообщениям и "
       "временным мерам, просил государство-участник на период рассмотрения сообщения, касающегося "
       "{c.title}, принять следующие временные меры: {x[interim_measures]}.",
))

_letter_type("reminder", "Reminder note verbale to the State party", LetterKind.NOTE_VERBALE, _texts(
    en="recall that the observations of the State party on communication No. {x[number]} were due on "
       "{x[state_observations_due]}, and to request that they be submitted without delay.",
    fr="rappeler que les observations de l'État partie sur la communication no {x[number]} étaient attendues "
       "pour le {x[state_observations_due]}, et le prier de les soumettre sans tarder.",
    es="recordar que las observaciones del Estado parte sobre la comunicación núm. {x[number]} debían "
       "presentarse a más tardar el {x[state_observations_due]}, y solicitar que se presenten sin demora.",
    ar="تذكّر بأن ملاحظات الدولة الطرف على البلاغ رقم {x[number]} كان موعد تقديمها {x[state_observations_due]}، "
       "وتطلب تقديمها دون تأخير.",
    zh="提请注意，缔约国关于第{x[number]}号来文的意见应于{x[state_observations_due]}提交，并请缔约国从速提交。",
    ru="напомнить, что замечания государства-участника по сообщению № {x[number]} должны были быть "
       "представлены не позднее {x[state_observations_due]}, и просить представить их без промедления.",
))

_letter_type("observations_to_author", "Transmittal of the State's observations to the author", LetterKind.LETTER,
          _texts(
    en="I have the honour to transmit the observations of {x[state]} on your communication No. {x[number]}.\n\n"
       "Please send any comments you may wish to make by {x[author_comments_due]}.",
    fr="J'ai l'honneur de vous transmettre les observations de l'État suivant : {x[state]} sur votre "
       "communication no {x[number]}.\n\nVeuillez faire parvenir vos commentaires d'ici le "
       "{x[author_comments_due]}.",
    es="Tengo el honor de transmitirle las observaciones del Estado siguiente: {x[state]} sobre su "
       "comunicación núm. {x[number]}.\n\nLe ruego que envíe sus comentarios a más tardar el "
       "{x[author_comments_due]}.",
    ar="أتشرف بأن أحيل إليكم ملاحظات الدولة التالية: {x[state]} على بلاغكم رقم {x[number]}.\n\n"
       "ويُرجى إرسال ما قد ترغبون في إبدائه من تعليقات في موعد أقصاه {x[author_comments_due]}.",
    zh="谨向您转递以下国家：{x[state]}就您的第{x[number]}号来文提交的意见。\n\n"
       "如您有任何评论，请于{x[author_comments_due]}之前提交。",
    ru="Имею честь препроводить Вам замечания следующего государства: {x[state]} по Вашему сообщению "
       "№ {x[number]}.\n\nПросим направить Ваши комментарии не позднее {x[author_comments_due]}.",
))

_letter_type("decision", "Transmittal of the decision", LetterKind.NOTE_VERBALE, _texts(
    en="transmit the {x[decision_term]} adopted by the {x[committee]} on {x[decision_date]} concerning "
       "communication No. {x[number]} (document {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    fr="transmettre la décision adoptée par le {x[committee]} le {x[decision_date]} concernant la "
       "communication no {x[number]} (document {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    es="transmitir la decisión adoptada por el {x[committee]} el {x[decision_date]} relativa a la "
       "comunicación núm. {x[number]} (documento {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    ar="تحيل القرار الذي اعتمدته {x[committee]} في {x[decision_date]} بشأن البلاغ رقم {x[number]} "
       "(الوثيقة {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    zh="转递{x[committee]}于{x[decision_date]}就第{x[number]}号来文通过的决定（文件{x[decision_symbol]}）。"
       "\n\n{x[follow_up_request]}",
    ru="препроводить решение по сообщению № {x[number]} (документ {x[decision_symbol]}), которое "
       "{x[committee]} принял {x[decision_date]}.\n\n{x[follow_up_request]}",
))

_letter_type("follow_up", "Follow-up note verbale", LetterKind.NOTE_VERBALE, _texts(
    en="refer to the {x[decision_term]} adopted by the {x[committee]} concerning communication No. "
       "{x[number]} (document {x[decision_symbol]}) and to request information on the measures taken to give "
       "effect to it by {x[follow_up_reply_due]}.",
    fr="se référer à la décision adoptée par le {x[committee]} concernant la communication no {x[number]} "
       "(document {x[decision_symbol]}) et demander des informations sur les mesures prises pour y donner "
       "effet d'ici le {x[follow_up_reply_due]}.",
    es="referirse a la decisión adoptada por el {x[committee]} relativa a la comunicación núm. {x[number]} "
       "(documento {x[decision_symbol]}) y solicitar información sobre las medidas adoptadas para darle "
       "efecto a más tardar el {x[follow_up_reply_due]}.",
    ar="تشير إلى القرار الذي اعتمدته {x[committee]} بشأن البلاغ رقم {x[number]} (الوثيقة {x[decision_symbol]}) "
       "وتطلب معلومات عن التدابير المتخذة لإعماله في موعد أقصاه {x[follow_up_reply_due]}.",
    zh="提及{x[committee]}就第{x[number]}号来文通过的决定（文件{x[decision_symbol]}），并请缔约国于"
       "{x[follow_up_reply_due]}之前提供资料，说明为落实该决定所采取的措施。",
    ru="сослаться на решение, принятое Комитетом по сообщению № {x[number]} (документ {x[decision_symbol]}), и "
       "просить представить не позднее {x[follow_up_reply_due]} информацию о мерах, принятых для его "
       "выполнения.",
))
