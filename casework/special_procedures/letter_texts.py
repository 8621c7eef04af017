"""The standard paragraphs of a special-procedures letter, in the six UN languages.

`{capacity}` names the mandates, `{resolutions}` the Council resolutions, `{government}` how the
addressee is named ("your Excellency's Government" / "your company").
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    opening_one: str
    opening_many: str
    government: str
    company: str
    bring: str
    legislation: str
    concern: str
    annex_reference: str
    questions_intro: str
    publication: str
    interim: str
    copy_notice: str
    dear: str
    dear_default: str
    annex_title: str
    annex_state: tuple[str, ...]
    annex_company: tuple[str, ...]
    resolution_one: str
    resolution_many: str
    and_word: str  # with the spaces it takes: " and ", "和"
    comma: str = ", "  # between the items of a list before the last


TEXTS = {
    "en": Texts(
        opening_one="I have the honour to address you in my capacity as {capacity}, pursuant to Human Rights "
                    "Council {resolutions}.",
        opening_many="We have the honour to address you in our capacities as {capacity}, pursuant to Human "
                     "Rights Council {resolutions}.",
        government="your Excellency's Government", company="your company",
        bring="In this connection, we would like to bring to the attention of {government} information we have "
              "received concerning {subject}.",
        legislation="The legislation, policy or practice concerned: {legislation}",
        concern="While we do not wish to prejudge the accuracy of these allegations, we express our serious "
                "concern at the information received.",
        annex_reference="In connection with the above alleged facts and concerns, please refer to the Annex "
                        "attached to this letter, which cites the international human rights instruments and "
                        "standards relevant to these allegations.",
        questions_intro="As it is our responsibility, under the mandates provided to us by the Human Rights "
                        "Council, to seek to clarify all cases brought to our attention, we would be grateful "
                        "for your observations on the following matters:",
        publication="This communication and any response received from {government} will be made public via "
                    "the communications reporting website after 60 days. They will also subsequently be made "
                    "available in the usual report to be presented to the Human Rights Council.",
        interim="While awaiting a reply, we urge that all necessary interim measures be taken to halt the "
                "alleged violations and prevent their re-occurrence and, in the event that the investigations "
                "support or suggest the allegations to be correct, to ensure the accountability of any person "
                "responsible.",
        copy_notice="Please be informed that a copy of this letter has been sent to the Government of {states}.",
        dear="Dear {name},", dear_default="Dear Sir or Madam,",
        annex_title="Reference to international human rights law",
        annex_state=(
            "In connection with the above alleged facts and concerns, we would like to draw the attention of "
            "your Excellency's Government to the Universal Declaration of Human Rights and the International "
            "Covenant on Civil and Political Rights, in particular articles 6, 7, 9, 14, 19 and 22.",
            "We also refer to the Declaration on the Right and Responsibility of Individuals, Groups and "
            "Organs of Society to Promote and Protect Universally Recognized Human Rights and Fundamental "
            "Freedoms, and to the obligation of States to ensure the rights of everyone within their "
            "jurisdiction without discrimination.",
        ),
        annex_company=(
            "We would like to refer to the Guiding Principles on Business and Human Rights, endorsed by the "
            "Human Rights Council in its resolution 17/4, under which business enterprises should respect "
            "human rights, avoid infringing on the human rights of others and address adverse impacts with "
            "which they are involved.",
            "Business enterprises should exercise human rights due diligence to identify, prevent, mitigate "
            "and account for how they address their impacts, and provide for or cooperate in their "
            "remediation through legitimate processes.",
        ),
        resolution_one="resolution {list}", resolution_many="resolutions {list}", and_word=" and ",
    ),
    "fr": Texts(
        opening_one="J'ai l'honneur de m'adresser à vous en ma qualité de {capacity}, conformément à la "
                    "{resolutions} du Conseil des droits de l'homme.",
        opening_many="Nous avons l'honneur de nous adresser à vous en nos qualités de {capacity}, conformément "
                     "aux {resolutions} du Conseil des droits de l'homme.",
        government="le Gouvernement de Votre Excellence", company="votre entreprise",
        bring="À cet égard, nous souhaiterions attirer l'attention de {government} sur des informations que "
              "nous avons reçues concernant {subject}.",
        legislation="Législation, politique ou pratique concernée : {legislation}",
        concern="Sans vouloir à ce stade préjuger de l'exactitude de ces allégations, nous exprimons notre "
                "vive préoccupation au sujet des informations reçues.",
        annex_reference="En relation avec les faits allégués et les préoccupations mentionnés ci-dessus, nous "
                        "vous prions de vous référer à l'annexe ci-jointe, qui énonce les textes relatifs aux "
                        "instruments et normes internationaux des droits de l'homme applicables.",
        questions_intro="Comme il est de notre responsabilité, en vertu des mandats qui nous ont été confiés "
                        "par le Conseil des droits de l'homme, de chercher à clarifier toutes les allégations "
                        "portées à notre attention, nous vous serions reconnaissants de vos observations sur "
                        "les points suivants :",
        publication="Cette communication, ainsi que toute réponse reçue de {government}, seront rendues "
                    "publiques sur le site internet rapportant les communications dans un délai de 60 jours. "
                    "Elles seront également disponibles dans le rapport habituel présenté au Conseil des "
                    "droits de l'homme.",
        interim="Dans l'attente d'une réponse, nous prions instamment que toutes les mesures provisoires "
                "nécessaires soient prises pour faire cesser les violations alléguées et empêcher qu'elles ne "
                "se reproduisent et, si les enquêtes confirment les allégations, pour que les responsables "
                "soient tenus de rendre des comptes.",
        copy_notice="Veuillez noter qu'une copie de la présente lettre a été adressée au Gouvernement {states}.",
        dear="{name},", dear_default="Madame, Monsieur,",
        annex_title="Références au droit international des droits de l'homme",
        annex_state=(
            "En relation avec les faits allégués et les préoccupations susmentionnés, nous souhaitons "
            "appeler l'attention du Gouvernement de Votre Excellence sur la Déclaration universelle des droits "
            "de l'homme et le Pacte international relatif aux droits civils et politiques, notamment ses "
            "articles 6, 7, 9, 14, 19 et 22.",
            "Nous nous référons également à la Déclaration sur les défenseurs des droits de l'homme et à "
            "l'obligation des États de garantir les droits de toute personne relevant de leur juridiction, "
            "sans discrimination.",
        ),
        annex_company=(
            "Nous souhaitons nous référer aux Principes directeurs relatifs aux entreprises et aux droits de "
            "l'homme, approuvés par le Conseil des droits de l'homme dans sa résolution 17/4, selon lesquels "
            "les entreprises doivent respecter les droits de l'homme.",
            "Les entreprises doivent faire preuve de diligence raisonnable en matière de droits de l'homme "
            "et prévoir des mesures de réparation ou collaborer à leur mise en œuvre.",
        ),
        resolution_one="résolution {list}", resolution_many="résolutions {list}", and_word=" et ",
    ),
    "es": Texts(
        opening_one="Tengo el honor de dirigirme a usted en mi calidad de {capacity}, de conformidad con la "
                    "{resolutions} del Consejo de Derechos Humanos.",
        opening_many="Tenemos el honor de dirigirnos a usted en nuestra calidad de {capacity}, de conformidad "
                     "con las {resolutions} del Consejo de Derechos Humanos.",
        government="el Gobierno de Su Excelencia", company="su empresa",
        bring="En este sentido, quisiéramos señalar a la atención de {government} la información que hemos "
              "recibido en relación con {subject}.",
        legislation="Legislación, política o práctica en cuestión: {legislation}",
        concern="Sin pretender prejuzgar la exactitud de estas alegaciones, expresamos nuestra grave "
                "preocupación por la información recibida.",
        annex_reference="En relación con los hechos alegados y las preocupaciones mencionadas, sírvase "
                        "encontrar adjunto el Anexo, que expone los instrumentos y normas internacionales de "
                        "derechos humanos aplicables.",
        questions_intro="Es nuestra responsabilidad, de acuerdo con los mandatos que nos han sido otorgados "
                        "por el Consejo de Derechos Humanos, intentar clarificar todos los casos que nos han "
                        "sido señalados. Por lo tanto, agradeceríamos sus observaciones sobre las siguientes "
                        "cuestiones:",
        publication="Esta comunicación y toda respuesta recibida de {government} se harán públicas a través "
                    "del sitio web de comunicaciones en un plazo de 60 días. También estarán disponibles "
                    "posteriormente en el informe que se presentará al Consejo de Derechos Humanos.",
        interim="A la espera de una respuesta, instamos a que se adopten todas las medidas provisionales "
                "necesarias para detener las presuntas violaciones e impedir que se repitan y, en caso de que "
                "las investigaciones corroboren las alegaciones, para garantizar la rendición de cuentas de "
                "los responsables.",
        copy_notice="Le informamos de que se ha enviado copia de la presente carta al Gobierno {states}.",
        dear="Estimado/a {name}:", dear_default="Estimado señor o estimada señora:",
        annex_title="Referencias al derecho internacional de los derechos humanos",
        annex_state=(
            "En relación con los hechos alegados y las preocupaciones mencionadas, quisiéramos llamar la "
            "atención del Gobierno de Su Excelencia sobre la Declaración Universal de Derechos Humanos y el "
            "Pacto Internacional de Derechos Civiles y Políticos, en particular sus artículos 6, 7, 9, 14, 19 "
            "y 22.",
            "Nos referimos también a la Declaración sobre los defensores de los derechos humanos y a la "
            "obligación de los Estados de garantizar los derechos de todas las personas bajo su "
            "jurisdicción, sin discriminación.",
        ),
        annex_company=(
            "Quisiéramos referirnos a los Principios Rectores sobre las Empresas y los Derechos Humanos, "
            "respaldados por el Consejo de Derechos Humanos en su resolución 17/4, según los cuales las "
            "empresas deben respetar los derechos humanos.",
            "Las empresas deben proceder con la debida diligencia en materia de derechos humanos y reparar "
            "o contribuir a reparar las consecuencias negativas que hayan provocado.",
        ),
        resolution_one="resolución {list}", resolution_many="resoluciones {list}", and_word=" y ",
    ),
    "ar": Texts(
        opening_one="أتشرف بأن أخاطبكم بصفتي {capacity}، عملاً ب{resolutions}.",
        opening_many="نتشرف بأن نخاطبكم بصفتنا {capacity}، عملاً ب{resolutions}.",
        government="حكومة سعادتكم", company="شركتكم",
        bring="وفي هذا الصدد، نود أن نسترعي انتباه {government} إلى معلومات تلقيناها بشأن {subject}.",
        legislation="التشريع أو السياسة أو الممارسة المعنية: {legislation}",
        concern="وإذ لا نود أن نستبق الحكم على دقة هذه الادعاءات، فإننا نعرب عن بالغ قلقنا إزاء المعلومات الواردة.",
        annex_reference="وفيما يتعلق بالوقائع المدعاة والشواغل المذكورة أعلاه، يُرجى الرجوع إلى المرفق بهذه "
                        "الرسالة، الذي يورد الصكوك والمعايير الدولية لحقوق الإنسان ذات الصلة بهذه الادعاءات.",
        questions_intro="ولما كان من مسؤوليتنا، بموجب الولايات التي أسندها إلينا مجلس حقوق الإنسان، أن نسعى إلى "
                        "استيضاح جميع الحالات المعروضة علينا، فإننا نكون ممتنين لو تفضلتم بموافاتنا بملاحظاتكم "
                        "بشأن المسائل التالية:",
        publication="وستُنشر هذه الرسالة وأي رد يرد من {government} على الموقع الشبكي للإبلاغ عن الرسائل بعد "
                    "60 يوماً. وستُتاح لاحقاً أيضاً في التقرير المعتاد الذي يُقدم إلى مجلس حقوق الإنسان.",
        interim="وريثما يرد الرد، نحث على اتخاذ جميع التدابير المؤقتة اللازمة لوقف الانتهاكات المدعاة ومنع "
                "تكرارها، وعلى ضمان مساءلة أي شخص مسؤول عنها في حال أكدت التحقيقات صحة الادعاءات أو رجحتها.",
        copy_notice="ونود إعلامكم بأن نسخة من هذه الرسالة قد أُرسلت إلى حكومة {states}.",
        dear="السيد/السيدة {name}،", dear_default="سيدي/سيدتي،",
        annex_title="إشارة إلى القانون الدولي لحقوق الإنسان",
        annex_state=(
            "فيما يتعلق بالوقائع المدعاة والشواغل المذكورة أعلاه، نود أن نسترعي انتباه حكومة سعادتكم إلى الإعلان "
            "العالمي لحقوق الإنسان والعهد الدولي الخاص بالحقوق المدنية والسياسية، ولا سيما المواد 6 و7 و9 و14 "
            "و19 و22 منه.",
            "ونشير أيضاً إلى الإعلان المتعلق بحق ومسؤولية الأفراد والجماعات وهيئات المجتمع في تعزيز وحماية حقوق "
            "الإنسان والحريات الأساسية المعترف بها عالمياً، وإلى التزام الدول بكفالة حقوق كل فرد يخضع لولايتها "
            "دون تمييز.",
        ),
        annex_company=(
            "نود أن نشير إلى المبادئ التوجيهية بشأن الأعمال التجارية وحقوق الإنسان، التي أيدها مجلس حقوق الإنسان "
            "في قراره 17/4، والتي ينبغي بموجبها لمؤسسات الأعمال أن تحترم حقوق الإنسان.",
            "وينبغي لمؤسسات الأعمال أن تبذل العناية الواجبة في مجال حقوق الإنسان، وأن توفر سبل الانتصاف من "
            "الآثار الضارة التي تتسبب فيها أو تسهم فيها، أو أن تتعاون في توفيرها.",
        ),
        resolution_one="قرار مجلس حقوق الإنسان {list}", resolution_many="قرارات مجلس حقوق الإنسان {list}",
        and_word=" و", comma="، ",
    ),
    "zh": Texts(
        opening_one="谨以{capacity}的身份，根据{resolutions}致函阁下。",
        opening_many="我们谨以{capacity}的身份，根据{resolutions}致函阁下。",
        government="阁下的政府", company="贵公司",
        bring="就此，我们谨提请{government}注意我们收到的关于{subject}的资料。",
        legislation="所涉立法、政策或做法：{legislation}",
        concern="我们无意预先判断上述指控是否准确，但对所收到的资料表示严重关切。",
        annex_reference="关于上述指称事实和关切，请参阅本函所附附件，其中列出了与这些指控相关的国际人权文书和标准。",
        questions_intro="根据人权理事会赋予我们的任务，我们有责任设法澄清提请我们注意的所有案件，因此，"
                        "如能就以下事项提出意见，我们将不胜感激：",
        publication="本来文以及{government}的任何答复将于60天后在来文报告网站上公布，随后还将载入提交人权理事会的例行报告。",
        interim="在等待答复期间，我们敦促采取一切必要的临时措施，制止所指称的侵权行为并防止其再次发生；"
                "如调查证实或表明指控属实，则确保任何责任人被追究责任。",
        copy_notice="谨告知，本函副本已送交{states}政府。",
        dear="{name}：", dear_default="先生/女士：",
        annex_title="国际人权法参考",
        annex_state=(
            "关于上述指称事实和关切，我们谨提请阁下的政府注意《世界人权宣言》和《公民及政治权利国际公约》，"
            "特别是其中第六、第七、第九、第十四、第十九和第二十二条。",
            "我们还提及《个人、群体和社会机构在促进和保护普遍公认的人权和基本自由方面的权利和义务宣言》，"
            "以及各国有义务不加歧视地确保其管辖范围内所有人的权利。",
        ),
        annex_company=(
            "我们谨提及人权理事会第17/4号决议核可的《工商企业与人权指导原则》，根据该原则，工商企业应尊重人权。",
            "工商企业应开展人权尽职调查，并通过正当程序对其造成或促成的不利影响提供补救或合作提供补救。",
        ),
        resolution_one="人权理事会第{list}号决议", resolution_many="人权理事会第{list}号决议",
        and_word="和", comma="、",
    ),
    "ru": Texts(
        opening_one="Имею честь обратиться к Вам в качестве {capacity} в соответствии с {resolutions}.",
        opening_many="Имеем честь обратиться к Вам в качестве {capacity} в соответствии с {resolutions}.",
        government="правительства Вашего Превосходительства", company="Вашей компании",
        bring="В этой связи мы хотели бы обратить внимание {government} на полученную нами информацию, "
              "касающуюся {subject}.",
        legislation="Соответствующее законодательство, политика или практика: {legislation}",
        concern="Не желая предрешать вопрос о достоверности этих утверждений, мы выражаем серьезную "
                "обеспокоенность в связи с полученной информацией.",
        annex_reference="В связи с вышеизложенными предполагаемыми фактами и проблемами просим обратиться к "
                        "приложению к настоящему письму, в котором приводятся международные договоры и "
                        "стандарты в области прав человека, имеющие отношение к этим утверждениям.",
        questions_intro="Поскольку в соответствии с мандатами, возложенными на нас Советом по правам человека, "
                        "мы обязаны стремиться к выяснению всех доведенных до нашего сведения случаев, мы были "
                        "бы признательны за Ваши замечания по следующим вопросам:",
        publication="Настоящее сообщение и любой ответ {government} будут опубликованы на веб-сайте, "
                    "посвященном сообщениям, через 60 дней. Впоследствии они будут также включены в "
                    "очередной доклад, представляемый Совету по правам человека.",
        interim="В ожидании ответа мы настоятельно призываем принять все необходимые временные меры для "
                "прекращения предполагаемых нарушений и предотвращения их повторения, а в случае, если "
                "расследование подтвердит достоверность утверждений, обеспечить привлечение виновных к "
                "ответственности.",
        copy_notice="Сообщаем, что копия настоящего письма направлена правительству {states}.",
        dear="Уважаемый(ая) {name}!", dear_default="Уважаемая госпожа, уважаемый господин!",
        annex_title="Ссылки на международное право прав человека",
        annex_state=(
            "В связи с вышеизложенными предполагаемыми фактами и проблемами мы хотели бы обратить внимание "
            "правительства Вашего Превосходительства на Всеобщую декларацию прав человека и Международный пакт "
            "о гражданских и политических правах, в частности на его статьи 6, 7, 9, 14, 19 и 22.",
            "Мы также ссылаемся на Декларацию о праве и обязанности отдельных лиц, групп и органов общества "
            "поощрять и защищать общепризнанные права человека и основные свободы и на обязательство "
            "государств обеспечивать права всех лиц, находящихся под их юрисдикцией, без какой-либо "
            "дискриминации.",
        ),
        annex_company=(
            "Мы хотели бы сослаться на Руководящие принципы предпринимательской деятельности в аспекте прав "
            "человека, одобренные Советом по правам человека в его резолюции 17/4, согласно которым "
            "предприятия должны уважать права человека.",
            "Предприятия должны проявлять должную осмотрительность в вопросах прав человека и обеспечивать "
            "или содействовать устранению неблагоприятных последствий, которые они вызвали или которым "
            "способствовали.",
        ),
        resolution_one="резолюцией {list} Совета по правам человека",
        resolution_many="резолюциями {list} Совета по правам человека", and_word=" и ",
    ),
}


def texts(language: str) -> Texts:
    return TEXTS.get(language, TEXTS["en"])


def joined(items: list[str], and_word: str, comma: str = ", ") -> str:
    """"a", "a and b", "a, b and c" (`and_word` with its spaces)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{comma.join(items[:-1])}{and_word}{items[-1]}"
