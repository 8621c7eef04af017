"""The standard texts of urgent action letters, in the six UN languages.

Placeholders are plain values of the letter context (`casework.urgent_actions.letters`); dates
arrive already written out in the letter's language. Nothing here can name the authors: the
context never holds them.
"""
from __future__ import annotations

REGISTRATION_NV = {
    "en": (
        "inform it that the Committee on Enforced Disappearances, acting under article 30 of the International "
        "Convention for the Protection of All Persons from Enforced Disappearance, has registered the request for "
        "urgent action {ref} concerning {persons}.\n\n"
        "According to the information received: {details} {circumstances}\n\n"
        "The disappearance was reported to the national authorities: {complaints}.\n\n"
        "In accordance with article 30 (3) of the Convention, the Committee requests the State party to take all "
        "necessary measures, including interim measures, to locate and protect {persons}, and in particular to:\n\n"
        "{recommendations}\n\n"
        "The Committee requests the State party to inform it, by {reply_due}, of the measures taken, and in "
        "particular: (i) which authorities are searching for {persons} and with what results; (ii) whether "
        "{persons} appears in any register of persons deprived of liberty; (iii) which investigation has been "
        "opened and its progress; (iv) which protection measures have been adopted for the relatives and witnesses."
    ),
    "fr": (
        "l'informer que le Comité des disparitions forcées, agissant en vertu de l'article 30 de la Convention "
        "internationale pour la protection de toutes les personnes contre les disparitions forcées, a enregistré "
        "la demande d'action urgente {ref} concernant {persons}.\n\n"
        "Selon les informations reçues : {details} {circumstances}\n\n"
        "La disparition a été signalée aux autorités nationales : {complaints}.\n\n"
        "Conformément au paragraphe 3 de l'article 30 de la Convention, le Comité prie l'État partie de prendre "
        "toutes les mesures nécessaires, y compris des mesures conservatoires, pour localiser et protéger "
        "{persons}, et en particulier de :\n\n"
        "{recommendations}\n\n"
        "Le Comité prie l'État partie de l'informer, d'ici au {reply_due}, des mesures prises, et en particulier : "
        "i) des autorités chargées de rechercher {persons} et des résultats obtenus ; ii) de toute inscription de "
        "{persons} dans un registre des personnes privées de liberté ; iii) de l'enquête ouverte et de son état "
        "d'avancement ; iv) des mesures de protection adoptées pour les proches et les témoins."
    ),
    "es": (
        "informarle de que el Comité contra la Desaparición Forzada, en virtud del artículo 30 de la Convención "
        "Internacional para la Protección de Todas las Personas contra las Desapariciones Forzadas, ha registrado "
        "la petición de acción urgente {ref} relativa a {persons}.\n\n"
        "Según la información recibida: {details} {circumstances}\n\n"
        "La desaparición fue denunciada ante las autoridades nacionales: {complaints}.\n\n"
        "De conformidad con el artículo 30, párrafo 3, de la Convención, el Comité solicita al Estado parte que "
        "adopte todas las medidas necesarias, incluidas medidas cautelares, para localizar y proteger a "
        "{persons}, y en particular que:\n\n"
        "{recommendations}\n\n"
        "El Comité solicita al Estado parte que le informe, a más tardar el {reply_due}, de las medidas adoptadas, "
        "y en particular: i) qué autoridades buscan a {persons} y con qué resultados; ii) si {persons} figura en "
        "algún registro de personas privadas de libertad; iii) qué investigación se ha abierto y su estado; "
        "iv) qué medidas de protección se han adoptado para los familiares y los testigos."
    ),
    "ar": (
        "تبلغها بأن اللجنة المعنية بحالات الاختفاء القسري، متصرفةً بموجب المادة 30 من الاتفاقية الدولية لحماية "
        "جميع الأشخاص من الاختفاء القسري، قد سجلت طلب الإجراء العاجل {ref} المتعلق بـ {persons}.\n\n"
        "ووفقاً للمعلومات الواردة: {details} {circumstances}\n\n"
        "وقد أُبلغت السلطات الوطنية بالاختفاء: {complaints}.\n\n"
        "ووفقاً للفقرة 3 من المادة 30 من الاتفاقية، تطلب اللجنة إلى الدولة الطرف أن تتخذ جميع التدابير "
        "اللازمة، بما فيها التدابير المؤقتة، لتحديد مكان {persons} وحمايته، ولا سيما أن:\n\n"
        "{recommendations}\n\n"
        "وتطلب اللجنة إلى الدولة الطرف أن تبلغها، في موعد أقصاه {reply_due}، بالتدابير المتخذة، ولا سيما: "
        "'1' السلطات التي تبحث عن {persons} والنتائج التي توصلت إليها؛ '2' ما إذا كان اسم {persons} مدرجاً في "
        "أي سجل للأشخاص المحرومين من حريتهم؛ '3' التحقيق الذي فُتح ومدى التقدم فيه؛ '4' تدابير الحماية "
        "المعتمدة لصالح الأقارب والشهود."
    ),
    "zh": (
        "通知，强迫失踪问题委员会已根据《保护所有人免遭强迫失踪国际公约》第三十条，登记了关于{persons}的"
        "紧急行动请求{ref}。\n\n"
        "根据所收到的资料：{details}{circumstances}\n\n"
        "失踪事件已报告国家当局：{complaints}。\n\n"
        "根据《公约》第三十条第3款，委员会请缔约国采取一切必要措施，包括临时措施，查找并保护{persons}，特别是：\n\n"
        "{recommendations}\n\n"
        "委员会请缔约国于{reply_due}之前告知所采取的措施，特别是：(一) 哪些当局正在寻找{persons}，结果如何；"
        "(二) {persons}是否列入任何被剥夺自由者登记册；(三) 已启动何种调查及其进展；(四) 为保护亲属和证人采取了"
        "哪些措施。"
    ),
    "ru": (
        "сообщить, что Комитет по насильственным исчезновениям, действуя в соответствии со статьей 30 "
        "Международной конвенции для защиты всех лиц от насильственных исчезновений, зарегистрировал просьбу о "
        "незамедлительных действиях {ref} в отношении {persons}.\n\n"
        "Согласно полученной информации: {details} {circumstances}\n\n"
        "Об исчезновении было сообщено национальным властям: {complaints}.\n\n"
        "В соответствии с пунктом 3 статьи 30 Конвенции Комитет просит государство-участник принять все "
        "необходимые меры, включая временные меры, для установления местонахождения и защиты {persons}, и в "
        "частности:\n\n"
        "{recommendations}\n\n"
        "Комитет просит государство-участник не позднее {reply_due} сообщить ему о принятых мерах, и в "
        "частности: i) какие органы ведут розыск {persons} и с какими результатами; ii) значится ли {persons} "
        "в каком-либо реестре лиц, лишенных свободы; iii) какое расследование возбуждено и каков его ход; "
        "iv) какие меры защиты приняты в отношении родственников и свидетелей."
    ),
}

AUTHORS_REGISTRATION = {
    "en": (
        "I have the honour to inform you that the Committee on Enforced Disappearances registered your request for "
        "urgent action concerning {persons} on {registered}, under the reference {ref}.\n\n"
        "The Committee has transmitted the request to the State party, {state}, asking it to take all necessary "
        "measures to search for, locate and protect {persons}, to investigate the disappearance and to protect "
        "the relatives and witnesses, and to inform the Committee by {reply_due}. Your identity has not been "
        "disclosed to the State party.\n\n"
        "The Committee will transmit to you any reply received. Please inform it without delay of any new "
        "development, including any threat or reprisal against you, the relatives or witnesses."
    ),
    "fr": (
        "J'ai l'honneur de vous informer que le Comité des disparitions forcées a enregistré le {registered}, sous "
        "la référence {ref}, votre demande d'action urgente concernant {persons}.\n\n"
        "Le Comité a transmis la demande à l'État partie, {state}, en le priant de prendre toutes les mesures "
        "nécessaires pour rechercher, localiser et protéger {persons}, enquêter sur la disparition et protéger "
        "les proches et les témoins, et de l'informer d'ici au {reply_due}. Votre identité n'a pas été "
        "communiquée à l'État partie.\n\n"
        "Le Comité vous transmettra toute réponse reçue. Veuillez l'informer sans délai de tout fait nouveau, y "
        "compris toute menace ou représaille contre vous, les proches ou les témoins."
    ),
    "es": (
        "Tengo el honor de informarle de que el Comité contra la Desaparición Forzada registró el {registered}, con "
        "la referencia {ref}, su petición de acción urgente relativa a {persons}.\n\n"
        "El Comité ha transmitido la petición al Estado parte, {state}, solicitándole que adopte todas las medidas "
        "necesarias para buscar, localizar y proteger a {persons}, investigar la desaparición y proteger a los "
        "familiares y testigos, y que le informe a más tardar el {reply_due}. Su identidad no ha sido revelada "
        "al Estado parte.\n\n"
        "El Comité le transmitirá toda respuesta recibida. Le ruego que le informe sin demora de cualquier "
        "novedad, incluida toda amenaza o represalia contra usted, los familiares o los testigos."
    ),
    "ar": (
        "أتشرف بأن أبلغكم بأن اللجنة المعنية بحالات الاختفاء القسري قد سجلت في {registered}، تحت المرجع {ref}، "
        "طلبكم اتخاذ إجراء عاجل بشأن {persons}.\n\n"
        "وقد أحالت اللجنة الطلب إلى الدولة الطرف، {state}، طالبةً إليها أن تتخذ جميع التدابير اللازمة للبحث عن "
        "{persons} وتحديد مكانه وحمايته، والتحقيق في الاختفاء، وحماية الأقارب والشهود، وأن تبلغ اللجنة بذلك في "
        "موعد أقصاه {reply_due}. ولم يُكشف عن هويتكم للدولة الطرف.\n\n"
        "وستحيل إليكم اللجنة أي رد يرد إليها. ويُرجى إبلاغها دون تأخير بأي تطور جديد، بما في ذلك أي تهديد أو "
        "انتقام يستهدفكم أو يستهدف الأقارب أو الشهود."
    ),
    "zh": (
        "谨通知您，强迫失踪问题委员会已于{registered}登记了您关于{persons}的紧急行动请求，编号为{ref}。\n\n"
        "委员会已将该请求转交缔约国{state}，请其采取一切必要措施寻找、查找并保护{persons}，调查失踪事件，保护亲属"
        "和证人，并于{reply_due}之前告知委员会。您的身份未向缔约国透露。\n\n"
        "委员会将向您转交收到的任何答复。如有任何新的进展，包括针对您、亲属或证人的任何威胁或报复，请立即告知委员会。"
    ),
    "ru": (
        "Имею честь сообщить Вам, что Комитет по насильственным исчезновениям {registered} зарегистрировал под "
        "номером {ref} Вашу просьбу о незамедлительных действиях в отношении {persons}.\n\n"
        "Комитет препроводил просьбу государству-участнику ({state}), предложив ему принять все необходимые "
        "меры для розыска, установления местонахождения и защиты {persons}, расследовать исчезновение, защитить "
        "родственников и свидетелей и сообщить Комитету не позднее {reply_due}. Ваша личность не была раскрыта "
        "государству-участнику.\n\n"
        "Комитет препроводит Вам любой полученный ответ. Просим незамедлительно сообщать ему о любых новых "
        "обстоятельствах, включая любые угрозы или репрессии в отношении Вас, родственников или свидетелей."
    ),
}

REMINDER_NV = {
    "en": (
        "refer to urgent action {ref} concerning {persons}, registered by the Committee on Enforced "
        "Disappearances on {registered}, and to remind the State party that no reply has been received to date "
        "(reminder {reminder}).\n\n"
        "The Committee requests the State party to submit, by {reply_due}, information on the measures taken to "
        "search for and locate {persons} and to protect the relatives and witnesses. Without a reply after a "
        "third reminder, the State party will be invited to meet the rapporteurs of the Committee."
    ),
    "fr": (
        "se référer à l'action urgente {ref} concernant {persons}, enregistrée par le Comité des disparitions "
        "forcées le {registered}, et rappeler à l'État partie qu'aucune réponse n'a été reçue à ce jour "
        "(rappel {reminder}).\n\n"
        "Le Comité prie l'État partie de lui communiquer, d'ici au {reply_due}, des informations sur les mesures "
        "prises pour rechercher et localiser {persons} et protéger les proches et les témoins. Sans réponse après "
        "un troisième rappel, l'État partie sera invité à rencontrer les rapporteurs du Comité."
    ),
    "es": (
        "referirse a la acción urgente {ref} relativa a {persons}, registrada por el Comité contra la "
        "Desaparición Forzada el {registered}, y recordar al Estado parte que hasta la fecha no se ha recibido "
        "respuesta (recordatorio {reminder}).\n\n"
        "El Comité solicita al Estado parte que le informe, a más tardar el {reply_due}, de las medidas adoptadas "
        "para buscar y localizar a {persons} y proteger a los familiares y testigos. De no recibirse respuesta "
        "tras un tercer recordatorio, se invitará al Estado parte a reunirse con los relatores del Comité."
    ),
    "ar": (
        "تشير إلى الإجراء العاجل {ref} المتعلق بـ {persons}، الذي سجلته اللجنة المعنية بحالات الاختفاء القسري في "
        "{registered}، وتذكّر الدولة الطرف بأنه لم يرد أي رد حتى الآن (التذكير {reminder}).\n\n"
        "وتطلب اللجنة إلى الدولة الطرف أن تقدم، في موعد أقصاه {reply_due}، معلومات عن التدابير المتخذة للبحث عن "
        "{persons} وتحديد مكانه وحماية الأقارب والشهود. وفي حال عدم ورود رد بعد تذكير ثالث، ستُدعى الدولة الطرف "
        "إلى الاجتماع بمقرري اللجنة."
    ),
    "zh": (
        "提及强迫失踪问题委员会于{registered}登记的关于{persons}的紧急行动{ref}，并提醒缔约国，迄今尚未收到"
        "任何答复（第{reminder}次提醒）。\n\n"
        "委员会请缔约国于{reply_due}之前提供资料，说明为寻找和查找{persons}以及保护亲属和证人所采取的措施。如在第三次"
        "提醒后仍未收到答复，将邀请缔约国与委员会报告员会晤。"
    ),
    "ru": (
        "сослаться на незамедлительные действия {ref} в отношении {persons}, зарегистрированные Комитетом по "
        "насильственным исчезновениям {registered}, и напомнить государству-участнику, что до настоящего "
        "времени ответа не получено (напоминание {reminder}).\n\n"
        "Комитет просит государство-участник не позднее {reply_due} представить информацию о мерах, принятых для "
        "розыска и установления местонахождения {persons} и защиты родственников и свидетелей. В отсутствие "
        "ответа после третьего напоминания государству-участнику будет предложено встретиться с докладчиками "
        "Комитета."
    ),
}

FOLLOW_UP_NV = {
    "en": (
        "refer to urgent action {ref} concerning {persons} and to the information provided by the State party.\n\n"
        "Having examined that information and the comments received, the Committee recommends that the State "
        "party:\n\n{recommendations}\n\n"
        "The Committee requests the State party to inform it, by {reply_due}, of the measures taken to implement "
        "these recommendations. The urgent action remains open until {persons} is located."
    ),
    "fr": (
        "se référer à l'action urgente {ref} concernant {persons} et aux informations fournies par l'État "
        "partie.\n\n"
        "Ayant examiné ces informations et les commentaires reçus, le Comité recommande à l'État partie de :\n\n"
        "{recommendations}\n\n"
        "Le Comité prie l'État partie de l'informer, d'ici au {reply_due}, des mesures prises pour mettre en "
        "œuvre ces recommandations. L'action urgente reste ouverte jusqu'à ce que {persons} soit localisé(e)."
    ),
    "es": (
        "referirse a la acción urgente {ref} relativa a {persons} y a la información proporcionada por el Estado "
        "parte.\n\n"
        "Tras examinar dicha información y los comentarios recibidos, el Comité recomienda al Estado parte que:"
        "\n\n{recommendations}\n\n"
        "El Comité solicita al Estado parte que le informe, a más tardar el {reply_due}, de las medidas adoptadas "
        "para aplicar estas recomendaciones. La acción urgente permanecerá abierta hasta que {persons} sea "
        "localizado(a)."
    ),
    "ar": (
        "تشير إلى الإجراء العاجل {ref} المتعلق بـ {persons} وإلى المعلومات التي قدمتها الدولة الطرف.\n\n"
        "وبعد أن نظرت اللجنة في تلك المعلومات وفي التعليقات الواردة، توصي الدولة الطرف بما يلي:\n\n"
        "{recommendations}\n\n"
        "وتطلب اللجنة إلى الدولة الطرف أن تبلغها، في موعد أقصاه {reply_due}، بالتدابير المتخذة لتنفيذ هذه التوصيات. "
        "ويظل الإجراء العاجل مفتوحاً إلى أن يُحدد مكان {persons}."
    ),
    "zh": (
        "提及关于{persons}的紧急行动{ref}以及缔约国提供的资料。\n\n"
        "委员会审查了上述资料和收到的评论，建议缔约国：\n\n{recommendations}\n\n"
        "委员会请缔约国于{reply_due}之前告知为落实上述建议所采取的措施。在找到{persons}之前，该紧急行动将保持开放。"
    ),
    "ru": (
        "сослаться на незамедлительные действия {ref} в отношении {persons} и на информацию, представленную "
        "государством-участником.\n\n"
        "Рассмотрев эту информацию и полученные комментарии, Комитет рекомендует государству-участнику:\n\n"
        "{recommendations}\n\n"
        "Комитет просит государство-участник не позднее {reply_due} сообщить ему о мерах, принятых для "
        "выполнения этих рекомендаций. Незамедлительные действия остаются открытыми до установления "
        "местонахождения {persons}."
    ),
}

TRANSMITTAL_TO_AUTHORS = {
    "en": (
        "I have the honour to transmit to you the reply of the State party, {state}, concerning urgent action "
        "{ref} ({persons}).\n\n"
        "The Committee on Enforced Disappearances would be grateful for your comments on this reply, and for any "
        "new information on the search, the investigation or the protection of the relatives and witnesses, "
        "within one month. Your comments will be taken into account in the Committee's follow-up note."
    ),
    "fr": (
        "J'ai l'honneur de vous transmettre la réponse de l'État partie, {state}, concernant l'action urgente "
        "{ref} ({persons}).\n\n"
        "Le Comité des disparitions forcées vous serait reconnaissant de lui faire part, dans un délai d'un mois, "
        "de vos commentaires sur cette réponse et de toute information nouvelle sur la recherche, l'enquête ou la "
        "protection des proches et des témoins. Vos commentaires seront pris en compte dans la note de suivi."
    ),
    "es": (
        "Tengo el honor de transmitirle la respuesta del Estado parte, {state}, relativa a la acción urgente {ref} "
        "({persons}).\n\n"
        "El Comité contra la Desaparición Forzada le agradecería que le hiciera llegar, en el plazo de un mes, sus "
        "comentarios sobre esta respuesta y toda información nueva sobre la búsqueda, la investigación o la "
        "protección de los familiares y testigos. Sus comentarios se tendrán en cuenta en la nota de seguimiento."
    ),
    "ar": (
        "أتشرف بأن أحيل إليكم رد الدولة الطرف، {state}، بشأن الإجراء العاجل {ref} ({persons}).\n\n"
        "وستكون اللجنة المعنية بحالات الاختفاء القسري ممتنة لو تفضلتم بموافاتها، في غضون شهر واحد، بتعليقاتكم على "
        "هذا الرد وبأي معلومات جديدة عن البحث أو التحقيق أو حماية الأقارب والشهود. وستؤخذ تعليقاتكم في الاعتبار "
        "في مذكرة المتابعة."
    ),
    "zh": (
        "谨向您转递缔约国{state}关于紧急行动{ref}（{persons}）的答复。\n\n"
        "如您能在一个月内就该答复提出评论，并提供关于寻找、调查或保护亲属和证人的任何新资料，强迫失踪问题委员会"
        "将不胜感激。委员会在后续说明中将考虑您的评论。"
    ),
    "ru": (
        "Имею честь препроводить Вам ответ государства-участника ({state}) по незамедлительным действиям {ref} "
        "({persons}).\n\n"
        "Комитет по насильственным исчезновениям был бы признателен за Ваши комментарии по этому ответу и за "
        "любую новую информацию о розыске, расследовании или защите родственников и свидетелей в течение одного "
        "месяца. Ваши комментарии будут учтены в записке о последующих мерах."
    ),
}

SUBJECTS = {
    "ua_registration_nv": {"en": "Urgent action {ref}", "fr": "Action urgente {ref}", "es": "Acción urgente {ref}", "ar": "الإجراء العاجل {ref}",
                           "zh": "紧急行动{ref}", "ru": "Незамедлительные действия {ref}"},
    "ua_registration_authors": {"en": "Registration of urgent action {ref}", "fr": "Enregistrement de l'action "
                                "urgente {ref}", "es": "Registro de la acción urgente {ref}", "ar": "تسجيل الإجراء العاجل {ref}",
                                "zh": "紧急行动{ref}的登记", "ru": "Регистрация незамедлительных действий {ref}"},
    "ua_reminder": {"en": "Urgent action {ref}: reminder", "fr": "Action urgente {ref} : rappel",
                    "es": "Acción urgente {ref}: recordatorio", "ar": "الإجراء العاجل {ref}: تذكير",
                    "zh": "紧急行动{ref}：提醒", "ru": "Незамедлительные действия {ref}: напоминание"},
    "ua_follow_up_note": {"en": "Urgent action {ref}: follow-up", "fr": "Action urgente {ref} : suivi",
                          "es": "Acción urgente {ref}: seguimiento", "ar": "الإجراء العاجل {ref}: متابعة",
                          "zh": "紧急行动{ref}：后续行动", "ru": "Незамедлительные действия {ref}: последующие меры"},
    "ua_transmittal_to_authors": {"en": "Urgent action {ref}: reply of the State party", "fr": "Action urgente "
                                  "{ref} : réponse de l'État partie", "es": "Acción urgente {ref}: respuesta del "
                                  "Estado parte", "ar": "الإجراء العاجل {ref}: رد الدولة الطرف",
                                  "zh": "紧急行动{ref}：缔约国的答复",
                                  "ru": "Незамедлительные действия {ref}: ответ государства-участника"},
}

# The registration recommendations as each language words them (the officer's own are kept as typed).
STANDARD_RECOMMENDATIONS = {
    "search": {"en": "adopt without delay a comprehensive strategy to search for and locate the person;",
               "fr": "adopter sans délai une stratégie globale de recherche et de localisation de la personne ;",
               "es": "adoptar sin demora una estrategia integral de búsqueda y localización de la persona;",
               "ar": "أن تعتمد دون تأخير استراتيجية شاملة للبحث عن الشخص وتحديد مكانه؛",
               "zh": "毫不拖延地制定寻找和查找该人的全面战略；",
               "ru": "безотлагательно принять всеобъемлющую стратегию розыска и установления местонахождения лица;"},
    "investigate": {"en": "investigate the disappearance promptly, thoroughly and impartially;",
                    "fr": "enquêter sur la disparition de manière rapide, approfondie et impartiale ;",
                    "es": "investigar la desaparición de manera pronta, exhaustiva e imparcial;",
                    "ar": "أن تحقق في الاختفاء على نحو سريع وشامل ونزيه؛",
                    "zh": "迅速、彻底和公正地调查失踪事件；",
                    "ru": "провести оперативное, тщательное и беспристрастное расследование исчезновения;"},
    "protect_relatives": {"en": "protect the relatives and witnesses against any ill-treatment or intimidation.",
                          "fr": "protéger les proches et les témoins contre tout mauvais traitement ou intimidation.",
                          "es": "proteger a los familiares y testigos contra todo maltrato o intimidación.",
                          "ar": "أن تحمي الأقارب والشهود من أي سوء معاملة أو ترهيب.",
                          "zh": "保护亲属和证人免遭任何虐待或恐吓。",
                          "ru": "защитить родственников и свидетелей от любого жестокого обращения или запугивания."},
}

NOT_REPORTED = {"en": "no complaint recorded", "fr": "aucune plainte enregistrée", "es": "no consta denuncia", "ar": "لم تُسجل أي شكوى", "zh": "无投诉记录",
                "ru": "жалоб не зарегистрировано"}
SEEN = {"en": "{name}, aged {age}, {nationality}, was last seen on {date} in {place}.",
        "fr": "{name}, âgé(e) de {age} ans, de nationalité {nationality}, a été vu(e) pour la dernière fois le "
              "{date} à {place}.",
        "es": "{name}, de {age} años, de nacionalidad {nationality}, fue visto(a) por última vez el {date} en "
              "{place}.",
        "ar": "شوهد {name}، البالغ من العمر {age} عاماً، من جنسية {nationality}، آخر مرة في {date} في {place}.",
        "zh": "{name}，{age}岁，{nationality}国籍，最后一次被人看到是在{date}，地点为{place}。",
        "ru": "{name}, {age} лет, гражданство: {nationality}, последний раз был(а) замечен(а) {date} в {place}."}
LISTED = {"en": "the {n} persons listed in the annex ({first} to {last})",
          "fr": "les {n} personnes dont la liste figure en annexe ({first} à {last})",
          "es": "las {n} personas que figuran en el anexo ({first} a {last})",
          "ar": "الأشخاص الـ {n} المدرجين في المرفق ({first} إلى {last})",
          "zh": "附件所列{n}人（{first}至{last}）",
          "ru": "{n} лиц, перечисленных в приложении ({first}–{last})"}
ANNEX_TITLE = {"en": "Disappeared persons and their urgent actions", "fr": "Personnes disparues et actions "
               "urgentes correspondantes", "es": "Personas desaparecidas y acciones urgentes correspondientes",
               "ar": "الأشخاص المختفون والإجراءات العاجلة المتعلقة بهم", "zh": "失踪者及相应的紧急行动",
               "ru": "Исчезнувшие лица и соответствующие незамедлительные действия"}
