"""The standard texts of the working groups' letters, in the six UN languages.

Placeholders are plain values of the letter context (`casework.working_groups.letters`); dates
arrive written out in the letter's language. The context never holds the source.
"""
from __future__ import annotations

SUBJECTS = {
    "wgad_transmittal": {"en": "Regular communication {ref}", "fr": "Communication ordinaire {ref}",
                         "es": "Comunicación ordinaria {ref}", "ar": "بلاغ عادي {ref}",
                         "zh": "常规来文{ref}", "ru": "Обычное сообщение {ref}"},
    "wgad_opinion_transmittal": {"en": "{opinion} ({ref})", "fr": "Avis no {opinion_number} ({ref})",
                                 "es": "Opinión núm. {opinion_number} ({ref})",
                                 "ar": "الرأي رقم {opinion_number} ({ref})", "zh": "第{opinion_number}号意见（{ref}）",
                                 "ru": "Мнение № {opinion_number} ({ref})"},
    "wgad_opinion_to_source": {"en": "{opinion} ({ref})", "fr": "Avis no {opinion_number} ({ref})",
                               "es": "Opinión núm. {opinion_number} ({ref})",
                               "ar": "الرأي رقم {opinion_number} ({ref})", "zh": "第{opinion_number}号意见（{ref}）",
                               "ru": "Мнение № {opinion_number} ({ref})"},
    "wgeid_transmittal": {"en": "Case {ref}", "fr": "Cas {ref}", "es": "Caso {ref}", "ar": "الحالة {ref}",
                          "zh": "案件{ref}", "ru": "Случай {ref}"},
    "wgeid_reply_to_source": {"en": "Reply of the Government: case {ref}", "fr": "Réponse du Gouvernement : cas {ref}",
                              "es": "Respuesta del Gobierno: caso {ref}", "ar": "رد الحكومة: الحالة {ref}",
                              "zh": "政府的答复：案件{ref}", "ru": "Ответ правительства: случай {ref}"},
}

WGAD_TRANSMITTAL = {
    "en": (
        "I have the honour to address you in my capacity as Chair-Rapporteur of the Working Group on Arbitrary "
        "Detention, pursuant to Human Rights Council resolution 51/8.\n\n"
        "In accordance with its methods of work, the Working Group transmits to your Excellency's Government the "
        "enclosed communication {ref} concerning {persons}, who is reported to be detained at {place} since "
        "{arrested_on}. The authorities reportedly invoked the following legal basis: {legal_basis}\n\n"
        "{summary}\n\n"
        "The Working Group would be grateful if your Excellency's Government could provide, within 60 days of "
        "this letter, that is by {reply_due}, detailed information on the current situation of {persons} and any "
        "comments on the allegations, in particular on the legal basis of the detention and its compatibility "
        "with international human rights law. The Government may request an extension of one month of this time "
        "limit, stating its reasons.\n\n"
        "Please note that, on the basis of the information received, the Working Group may render an opinion on "
        "whether the deprivation of liberty is arbitrary. The Working Group's transmittal of the communication in "
        "no way implies any opinion concerning the arbitrary nature of the detention."
    ),
    "fr": (
        "J'ai l'honneur de m'adresser à vous en ma qualité de Président-Rapporteur du Groupe de travail sur la "
        "détention arbitraire, conformément à la résolution 51/8 du Conseil des droits de l'homme.\n\n"
        "Conformément à ses méthodes de travail, le Groupe de travail transmet au Gouvernement de Votre Excellence "
        "la communication {ref} ci-jointe concernant {persons}, qui serait détenu(e) à {place} depuis le "
        "{arrested_on}. Les autorités auraient invoqué le fondement juridique suivant : {legal_basis}\n\n"
        "{summary}\n\n"
        "Le Groupe de travail serait reconnaissant au Gouvernement de Votre Excellence de lui fournir, dans un "
        "délai de 60 jours à compter de la présente lettre, soit d'ici au {reply_due}, des informations détaillées "
        "sur la situation actuelle de {persons} et tout commentaire sur les allégations, en particulier sur le "
        "fondement juridique de la détention et sa compatibilité avec le droit international des droits de "
        "l'homme. Le Gouvernement peut demander une prolongation d'un mois de ce délai, en indiquant ses "
        "raisons.\n\n"
        "Sur la base des informations reçues, le Groupe de travail pourra rendre un avis sur le caractère "
        "arbitraire ou non de la privation de liberté. La transmission de la communication ne préjuge en rien "
        "de cet avis."
    ),
    "es": (
        "Tengo el honor de dirigirme a usted en mi calidad de Presidente-Relator del Grupo de Trabajo sobre la "
        "Detención Arbitraria, de conformidad con la resolución 51/8 del Consejo de Derechos Humanos.\n\n"
        "De conformidad con sus métodos de trabajo, el Grupo de Trabajo transmite al Gobierno de Su Excelencia la "
        "comunicación {ref} adjunta relativa a {persons}, que se encontraría detenido(a) en {place} desde el "
        "{arrested_on}. Las autoridades habrían invocado el siguiente fundamento jurídico: {legal_basis}\n\n"
        "{summary}\n\n"
        "El Grupo de Trabajo agradecería que el Gobierno de Su Excelencia le proporcionara, en un plazo de 60 días "
        "a partir de la presente carta, es decir a más tardar el {reply_due}, información detallada sobre la "
        "situación actual de {persons} y sus observaciones sobre las alegaciones, en particular sobre el "
        "fundamento jurídico de la detención y su compatibilidad con el derecho internacional de los derechos "
        "humanos. El Gobierno puede solicitar una prórroga de un mes de este plazo, indicando sus motivos.\n\n"
        "Sobre la base de la información recibida, el Grupo de Trabajo podrá emitir una opinión sobre el carácter "
        "arbitrario o no de la privación de libertad. La transmisión de la comunicación no prejuzga esa opinión."
    ),
    "ar": (
        "أتشرف بأن أخاطبكم بصفتي رئيس-مقرر الفريق العامل المعني بالاحتجاز التعسفي، عملاً بقرار مجلس حقوق "
        "الإنسان 51/8.\n\n"
        "ووفقاً لأساليب عمله، يحيل الفريق العامل إلى حكومة سعادتكم البلاغ {ref} المرفق بشأن {persons}، الذي "
        "يُدعى أنه محتجز في {place} منذ {arrested_on}. ويُدعى أن السلطات استندت إلى الأساس القانوني التالي: "
        "{legal_basis}\n\n"
        "{summary}\n\n"
        "وسيكون الفريق العامل ممتناً لو تفضلت حكومة سعادتكم بتقديم معلومات مفصلة، في غضون 60 يوماً من تاريخ "
        "هذه الرسالة، أي في موعد أقصاه {reply_due}، عن الوضع الراهن لـ {persons} وأي تعليقات على الادعاءات، "
        "ولا سيما على الأساس القانوني للاحتجاز ومدى توافقه مع القانون الدولي لحقوق الإنسان. ويجوز للحكومة أن "
        "تطلب تمديد هذه المهلة شهراً واحداً، مع بيان أسباب ذلك.\n\n"
        "ويُرجى ملاحظة أن الفريق العامل قد يصدر، على أساس المعلومات الواردة، رأياً بشأن ما إذا كان الحرمان "
        "من الحرية تعسفياً. ولا تعني إحالة البلاغ بأي حال من الأحوال أي رأي بشأن الطابع التعسفي للاحتجاز."
    ),
    "zh": (
        "谨以任意拘留问题工作组主席兼报告员的身份，根据人权理事会第51/8号决议致函阁下。\n\n"
        "根据其工作方法，工作组谨向阁下的政府转递所附关于{persons}的来文{ref}。据称，此人自{arrested_on}起"
        "被拘留于{place}。据称，当局援引了以下法律依据：{legal_basis}\n\n"
        "{summary}\n\n"
        "如阁下的政府能在本函发出后60天内，即于{reply_due}之前，提供关于{persons}现状的详细资料以及对上述指控的"
        "任何评论，特别是关于拘留的法律依据及其是否符合国际人权法的评论，工作组将不胜感激。政府可说明理由，"
        "请求将这一时限延长一个月。\n\n"
        "请注意，工作组可根据所收到的资料，就剥夺自由是否属于任意性质发表意见。工作组转递来文绝不意味着对"
        "拘留的任意性质持有任何意见。"
    ),
    "ru": (
        "Имею честь обратиться к Вам в качестве Председателя-Докладчика Рабочей группы по произвольным "
        "задержаниям в соответствии с резолюцией 51/8 Совета по правам человека.\n\n"
        "В соответствии со своими методами работы Рабочая группа препровождает правительству Вашего "
        "Превосходительства прилагаемое сообщение {ref}, касающееся {persons}, который(ая), как сообщается, "
        "содержится под стражей в {place} с {arrested_on}. Власти, как сообщается, сослались на следующее "
        "правовое основание: {legal_basis}\n\n"
        "{summary}\n\n"
        "Рабочая группа была бы признательна правительству Вашего Превосходительства за представление в течение "
        "60 дней с даты настоящего письма, т. е. не позднее {reply_due}, подробной информации о нынешнем "
        "положении {persons} и любых комментариев по поводу утверждений, в частности относительно правового "
        "основания задержания и его совместимости с международным правом прав человека. Правительство может "
        "просить о продлении этого срока на один месяц с указанием причин.\n\n"
        "Просим принять к сведению, что на основе полученной информации Рабочая группа может вынести мнение о "
        "том, является ли лишение свободы произвольным. Препровождение сообщения никоим образом не означает "
        "какого-либо мнения относительно произвольного характера задержания."
    ),
}

OPINION_TRANSMITTAL = {
    "en": (
        "I have the honour to transmit to your Excellency's Government {opinion}, adopted by the Working Group on "
        "Arbitrary Detention at its {session} session on {adopted_on}, concerning {persons} (communication {ref}).\n\n"
        "{finding}\n\n"
        "In accordance with its methods of work, the Working Group will transmit the opinion to the source 48 hours "
        "after this letter, and will then make it public.{follow_up}"
    ),
    "fr": (
        "J'ai l'honneur de transmettre au Gouvernement de Votre Excellence l'avis no {opinion_number}, adopté par "
        "le Groupe de travail sur la détention arbitraire à sa {session}e session, le {adopted_on}, concernant "
        "{persons} (communication {ref}).\n\n"
        "{finding}\n\n"
        "Conformément à ses méthodes de travail, le Groupe de travail transmettra l'avis à la source 48 heures "
        "après la présente lettre, puis le rendra public.{follow_up}"
    ),
    "es": (
        "Tengo el honor de transmitir al Gobierno de Su Excelencia la opinión núm. {opinion_number}, aprobada por "
        "el Grupo de Trabajo sobre la Detención Arbitraria en su {session}º período de sesiones, el {adopted_on}, "
        "relativa a {persons} (comunicación {ref}).\n\n"
        "{finding}\n\n"
        "De conformidad con sus métodos de trabajo, el Grupo de Trabajo transmitirá la opinión a la fuente 48 horas "
        "después de la presente carta y luego la hará pública.{follow_up}"
    ),
    "ar": (
        "أتشرف بأن أحيل إلى حكومة سعادتكم الرأي رقم {opinion_number} الذي اعتمده الفريق العامل المعني بالاحتجاز "
        "التعسفي في دورته {session}، في {adopted_on}، بشأن {persons} (البلاغ {ref}).\n\n"
        "{finding}\n\n"
        "ووفقاً لأساليب عمله، سيحيل الفريق العامل الرأي إلى المصدر بعد 48 ساعة من تاريخ هذه الرسالة، ثم ينشره."
        "{follow_up}"
    ),
    "zh": (
        "谨向阁下的政府转递任意拘留问题工作组第{session}届会议于{adopted_on}通过的关于{persons}的第{opinion_number}号"
        "意见（来文{ref}）。\n\n"
        "{finding}\n\n"
        "根据其工作方法，工作组将在本函发出48小时后将该意见转交来文方，随后予以公布。{follow_up}"
    ),
    "ru": (
        "Имею честь препроводить правительству Вашего Превосходительства мнение № {opinion_number}, принятое "
        "Рабочей группой по произвольным задержаниям на ее {session}-й сессии {adopted_on}, в отношении "
        "{persons} (сообщение {ref}).\n\n"
        "{finding}\n\n"
        "В соответствии со своими методами работы Рабочая группа препроводит мнение источнику через 48 часов "
        "после направления настоящего письма, а затем опубликует его.{follow_up}"
    ),
}

OPINION_TO_SOURCE = {
    "en": "I have the honour to transmit to you {opinion}, adopted by the Working Group on Arbitrary Detention at "
          "its {session} session on {adopted_on}, concerning {persons}, following your communication {ref}.\n\n"
          "{finding}\n\nThe opinion was transmitted to the Government beforehand and will be made public.",
    "fr": "J'ai l'honneur de vous transmettre l'avis no {opinion_number}, adopté par le Groupe de travail sur la "
          "détention arbitraire à sa {session}e session, le {adopted_on}, concernant {persons}, à la suite de votre "
          "communication {ref}.\n\n{finding}\n\nL'avis a été transmis au préalable au Gouvernement et sera rendu "
          "public.",
    "es": "Tengo el honor de transmitirle la opinión núm. {opinion_number}, aprobada por el Grupo de Trabajo sobre "
          "la Detención Arbitraria en su {session}º período de sesiones, el {adopted_on}, relativa a {persons}, a "
          "raíz de su comunicación {ref}.\n\n{finding}\n\nLa opinión se transmitió previamente al Gobierno y se hará "
          "pública.",
    "ar": "أتشرف بأن أحيل إليكم الرأي رقم {opinion_number} الذي اعتمده الفريق العامل المعني بالاحتجاز التعسفي في "
          "دورته {session}، في {adopted_on}، بشأن {persons}، على إثر بلاغكم {ref}.\n\n{finding}\n\n"
          "وقد أُحيل الرأي إلى الحكومة مسبقاً وسيُنشر.",
    "zh": "谨向您转递任意拘留问题工作组第{session}届会议于{adopted_on}通过的关于{persons}的第{opinion_number}号意见，"
          "该意见系针对您的来文{ref}。\n\n{finding}\n\n该意见已事先转交政府，并将予以公布。",
    "ru": "Имею честь препроводить Вам мнение № {opinion_number}, принятое Рабочей группой по произвольным "
          "задержаниям на ее {session}-й сессии {adopted_on}, в отношении {persons} по Вашему сообщению "
          "{ref}.\n\n{finding}\n\nМнение было заранее препровождено правительству и будет опубликовано.",
}

# The categories an opinion finds, as the finding's sentence names them: (one, several, last joined by).
CATEGORY_WORDING = {
    "en": ("category {list}", "categories {list}", " and "),
    "fr": ("de la catégorie {list}", "des catégories {list}", " et "),
    "es": ("la categoría {list}", "las categorías {list}", " y "),
    "ar": ("الفئة {list}", "الفئات {list}", " و"),
    "zh": ("第{list}类", "第{list}类", "和"),
    "ru": ("категории {list}", "категорий {list}", " и "),
}

FINDINGS = {
    "arbitrary": {
        "en": "The Working Group considered that the deprivation of liberty of {persons} is arbitrary and falls "
              "within {categories}.",
        "fr": "Le Groupe de travail a estimé que la privation de liberté de {persons} est arbitraire et relève "
              "{categories}.",
        "es": "El Grupo de Trabajo consideró que la privación de libertad de {persons} es arbitraria y se inscribe "
              "en {categories}.",
        "ar": "ورأى الفريق العامل أن حرمان {persons} من الحرية تعسفي ويندرج ضمن {categories}.",
        "zh": "工作组认为，剥夺{persons}的自由属于任意性质，属于{categories}。",
        "ru": "Рабочая группа сочла, что лишение свободы {persons} является произвольным и подпадает под "
              "{categories}.",
    },
    "not_arbitrary": {
        "en": "The Working Group considered that the deprivation of liberty of {persons} is not arbitrary.",
        "fr": "Le Groupe de travail a estimé que la privation de liberté de {persons} n'est pas arbitraire.",
        "es": "El Grupo de Trabajo consideró que la privación de libertad de {persons} no es arbitraria.",
        "ar": "ورأى الفريق العامل أن حرمان {persons} من الحرية ليس تعسفياً.",
        "zh": "工作组认为，剥夺{persons}的自由不属于任意性质。",
        "ru": "Рабочая группа сочла, что лишение свободы {persons} не является произвольным.",
    },
    "filed": {
        "en": "The Working Group decided to file the case.",
        "fr": "Le Groupe de travail a décidé de classer l'affaire.",
        "es": "El Grupo de Trabajo decidió archivar el caso.",
        "ar": "وقرر الفريق العامل حفظ الحالة.",
        "zh": "工作组决定将此案归档。",
        "ru": "Рабочая группа постановила закрыть дело.",
    },
}

FOLLOW_UP = {
    "en": " The Working Group requests the Government to provide, within six months of this letter, information "
          "on the action taken in follow-up to the recommendations made in the opinion.",
    "fr": " Le Groupe de travail prie le Gouvernement de lui fournir, dans un délai de six mois à compter de la "
          "présente lettre, des informations sur la suite donnée aux recommandations formulées dans l'avis.",
    "es": " El Grupo de Trabajo solicita al Gobierno que le proporcione, en un plazo de seis meses a partir de la "
          "presente carta, información sobre las medidas adoptadas para dar seguimiento a las recomendaciones "
          "formuladas en la opinión.",
    "ar": " ويطلب الفريق العامل إلى الحكومة أن تقدم، في غضون ستة أشهر من تاريخ هذه الرسالة، معلومات عن الإجراءات "
          "المتخذة لمتابعة التوصيات الواردة في الرأي.",
    "zh": "工作组请政府在本函发出后六个月内提供资料，说明为落实意见中所提建议而采取的行动。",
    "ru": " Рабочая группа просит правительство в течение шести месяцев с даты настоящего письма представить "
          "информацию о мерах, принятых во исполнение рекомендаций, содержащихся в мнении.",
}

WGEID_PROCEDURE = {
    "urgent": {
        "en": "Under its urgent action procedure, the Chair-Rapporteur, on behalf of the Working Group and between "
              "its sessions, transmits to your Excellency's Government the following case of disappearance, which "
              "reportedly occurred within the last three months.",
        "fr": "Au titre de sa procédure d'action urgente, le Président-Rapporteur, au nom du Groupe de travail et "
              "entre ses sessions, transmet au Gouvernement de Votre Excellence le cas de disparition suivant, "
              "survenu au cours des trois derniers mois.",
        "es": "En el marco de su procedimiento de acción urgente, el Presidente-Relator, en nombre del Grupo de "
              "Trabajo y entre sus períodos de sesiones, transmite al Gobierno de Su Excelencia el siguiente caso de "
              "desaparición, ocurrido en los últimos tres meses.",
        "ar": "وفي إطار إجراء العمل العاجل، يحيل الرئيس-المقرر، باسم الفريق العامل وفيما بين دوراته، إلى حكومة "
              "سعادتكم حالة الاختفاء التالية، التي يُدعى أنها وقعت خلال الأشهر الثلاثة الماضية.",
        "zh": "根据紧急行动程序，主席兼报告员代表工作组在闭会期间向阁下的政府转递以下据称发生在过去三个月内的失踪案件。",
        "ru": "В рамках своей процедуры незамедлительных действий Председатель-Докладчик от имени Рабочей группы "
              "в период между ее сессиями препровождает правительству Вашего Превосходительства следующий "
              "случай исчезновения, который, как сообщается, произошел в течение последних трех месяцев.",
    },
    "standard": {
        "en": "At its {session} session, the Working Group decided to transmit to your Excellency's Government, "
              "under its standard procedure, the following case of disappearance.",
        "fr": "À sa {session}e session, le Groupe de travail a décidé de transmettre au Gouvernement de Votre "
              "Excellence, au titre de sa procédure ordinaire, le cas de disparition suivant.",
        "es": "En su {session}º período de sesiones, el Grupo de Trabajo decidió transmitir al Gobierno de Su "
              "Excelencia, en el marco de su procedimiento ordinario, el siguiente caso de desaparición.",
        "ar": "وقرر الفريق العامل، في دورته {session}، أن يحيل إلى حكومة سعادتكم، في إطار إجرائه العادي، حالة "
              "الاختفاء التالية.",
        "zh": "工作组在第{session}届会议上决定根据其标准程序向阁下的政府转递以下失踪案件。",
        "ru": "На своей {session}-й сессии Рабочая группа постановила препроводить правительству Вашего "
              "Превосходительства в рамках своей стандартной процедуры следующий случай исчезновения.",
    },
}

WGEID_TRANSMITTAL = {
    "en": "I have the honour to address you in my capacity as Chair-Rapporteur of the Working Group on Enforced or "
          "Involuntary Disappearances.\n\n{procedure}\n\n"
          "Case {ref}: {persons}, reportedly disappeared on {disappeared_on} at {place}. {circumstances}\n\n"
          "The Working Group requests your Excellency's Government to carry out investigations to clarify the fate "
          "or whereabouts of the person concerned and to inform it of the results. Until the case is clarified, "
          "the Working Group will remind your Excellency's Government of it once a year.",
    "fr": "J'ai l'honneur de m'adresser à vous en ma qualité de Président-Rapporteur du Groupe de travail sur les "
          "disparitions forcées ou involontaires.\n\n{procedure}\n\n"
          "Cas {ref} : {persons}, qui aurait disparu le {disappeared_on} à {place}. {circumstances}\n\n"
          "Le Groupe de travail prie le Gouvernement de Votre Excellence de mener des enquêtes pour élucider le sort "
          "de la personne concernée ou le lieu où elle se trouve et de l'informer des résultats. Tant que le cas "
          "n'est pas élucidé, le Groupe de travail le rappellera chaque année au Gouvernement de Votre Excellence.",
    "es": "Tengo el honor de dirigirme a usted en mi calidad de Presidente-Relator del Grupo de Trabajo sobre las "
          "Desapariciones Forzadas o Involuntarias.\n\n{procedure}\n\n"
          "Caso {ref}: {persons}, que habría desaparecido el {disappeared_on} en {place}. {circumstances}\n\n"
          "El Grupo de Trabajo solicita al Gobierno de Su Excelencia que lleve a cabo investigaciones para esclarecer "
          "la suerte o el paradero de la persona concernida y le informe de los resultados. Mientras el caso no se "
          "haya esclarecido, el Grupo de Trabajo lo recordará cada año al Gobierno de Su Excelencia.",
    "ar": "أتشرف بأن أخاطبكم بصفتي رئيس-مقرر الفريق العامل المعني بحالات الاختفاء القسري أو غير الطوعي.\n\n"
          "{procedure}\n\n"
          "الحالة {ref}: {persons}، الذي يُدعى أنه اختفى في {disappeared_on} في {place}. {circumstances}\n\n"
          "ويطلب الفريق العامل إلى حكومة سعادتكم إجراء تحقيقات لاستجلاء مصير الشخص المعني أو مكان وجوده وإبلاغه "
          "بالنتائج. وإلى أن تُستجلى الحالة، سيذكّر الفريق العامل حكومة سعادتكم بها مرة كل سنة.",
    "zh": "谨以强迫或非自愿失踪问题工作组主席兼报告员的身份致函阁下。\n\n{procedure}\n\n"
          "案件{ref}：{persons}，据称于{disappeared_on}在{place}失踪。{circumstances}\n\n"
          "工作组请阁下的政府开展调查，查明当事人的下落或所在地，并将结果告知工作组。在案件澄清之前，工作组将每年"
          "向阁下的政府提醒此案一次。",
    "ru": "Имею честь обратиться к Вам в качестве Председателя-Докладчика Рабочей группы по насильственным или "
          "недобровольным исчезновениям.\n\n{procedure}\n\n"
          "Случай {ref}: {persons}, который(ая), как сообщается, исчез(ла) {disappeared_on} в {place}. "
          "{circumstances}\n\n"
          "Рабочая группа просит правительство Вашего Превосходительства провести расследование для выяснения "
          "судьбы или местонахождения соответствующего лица и сообщить ей о результатах. До выяснения случая "
          "Рабочая группа будет ежегодно напоминать о нем правительству Вашего Превосходительства.",
}

WGEID_REPLY_TO_SOURCE = {
    "en": "I have the honour to transmit to you the reply of the Government of {state} concerning case {ref} of "
          "{persons}, received on {reply_received_on}.{six_month}\n\n"
          "The Working Group would be grateful for any comments or further information you may wish to provide.",
    "fr": "J'ai l'honneur de vous transmettre la réponse du Gouvernement de l'État suivant : {state}, concernant le "
          "cas {ref} de {persons}, reçue le {reply_received_on}.{six_month}\n\n"
          "Le Groupe de travail vous serait reconnaissant de tout commentaire ou complément d'information.",
    "es": "Tengo el honor de transmitirle la respuesta del Gobierno del siguiente Estado: {state}, relativa al caso "
          "{ref} de {persons}, recibida el {reply_received_on}.{six_month}\n\n"
          "El Grupo de Trabajo le agradecería cualquier comentario o información adicional.",
    "ar": "أتشرف بأن أحيل إليكم رد حكومة الدولة التالية: {state}، بشأن الحالة {ref} المتعلقة بـ {persons}، الذي "
          "ورد في {reply_received_on}.{six_month}\n\n"
          "وسيكون الفريق العامل ممتناً لأي تعليقات أو معلومات إضافية قد ترغبون في تقديمها.",
    "zh": "谨向您转递以下国家：{state}的政府于{reply_received_on}就涉及{persons}的案件{ref}所作的答复。{six_month}\n\n"
          "如您能提供任何评论或补充资料，工作组将不胜感激。",
    "ru": "Имею честь препроводить Вам ответ правительства следующего государства: {state}, касающийся случая "
          "{ref} ({persons}) и полученный {reply_received_on}.{six_month}\n\n"
          "Рабочая группа будет признательна за любые комментарии или дополнительную информацию.",
}

SIX_MONTH_RULE = {
    "en": " The Government has provided the following information on the fate or whereabouts: {clarification} "
          "Under the Working Group's methods of work, the case will be considered clarified unless you object, "
          "with reasons, within six months of this letter.",
    "fr": " Le Gouvernement a fourni les informations suivantes sur le sort ou le lieu où se trouve la personne : "
          "{clarification} Conformément aux méthodes de travail du Groupe de travail, le cas sera considéré comme "
          "élucidé à moins que vous ne vous y opposiez, en motivant votre objection, dans un délai de six mois à "
          "compter de la présente lettre.",
    "es": " El Gobierno ha proporcionado la siguiente información sobre la suerte o el paradero: {clarification} "
          "De conformidad con los métodos de trabajo del Grupo de Trabajo, el caso se considerará esclarecido a "
          "menos que usted se oponga, exponiendo sus razones, en un plazo de seis meses a partir de la presente "
          "carta.",
    "ar": " وقدمت الحكومة المعلومات التالية عن مصير الشخص أو مكان وجوده: {clarification} ووفقاً لأساليب عمل "
          "الفريق العامل، ستُعتبر الحالة مستجلاة ما لم تعترضوا على ذلك، مع بيان الأسباب، في غضون ستة أشهر من "
          "تاريخ هذه الرسالة.",
    "zh": "政府提供了关于当事人下落或所在地的以下资料：{clarification}根据工作组的工作方法，除非您在本函发出后"
          "六个月内提出有理由的异议，否则此案将被视为已澄清。",
    "ru": " Правительство представило следующую информацию о судьбе или местонахождении: {clarification} В "
          "соответствии с методами работы Рабочей группы случай будет считаться выясненным, если Вы в течение "
          "шести месяцев с даты настоящего письма не выскажете мотивированных возражений.",
}
