"""The standard texts of urgent action letters, in English, French and Spanish.

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
}

SUBJECTS = {
    "ua_registration_nv": {"en": "Urgent action {ref}", "fr": "Action urgente {ref}", "es": "Acción urgente {ref}"},
    "ua_registration_authors": {"en": "Registration of urgent action {ref}", "fr": "Enregistrement de l'action "
                                "urgente {ref}", "es": "Registro de la acción urgente {ref}"},
    "ua_reminder": {"en": "Urgent action {ref}: reminder", "fr": "Action urgente {ref} : rappel",
                    "es": "Acción urgente {ref}: recordatorio"},
    "ua_follow_up_note": {"en": "Urgent action {ref}: follow-up", "fr": "Action urgente {ref} : suivi",
                          "es": "Acción urgente {ref}: seguimiento"},
    "ua_transmittal_to_authors": {"en": "Urgent action {ref}: reply of the State party", "fr": "Action urgente "
                                  "{ref} : réponse de l'État partie", "es": "Acción urgente {ref}: respuesta del "
                                  "Estado parte"},
}

# The registration recommendations as each language words them (the officer's own are kept as typed).
STANDARD_RECOMMENDATIONS = {
    "search": {"en": "adopt without delay a comprehensive strategy to search for and locate the person;",
               "fr": "adopter sans délai une stratégie globale de recherche et de localisation de la personne ;",
               "es": "adoptar sin demora una estrategia integral de búsqueda y localización de la persona;"},
    "investigate": {"en": "investigate the disappearance promptly, thoroughly and impartially;",
                    "fr": "enquêter sur la disparition de manière rapide, approfondie et impartiale ;",
                    "es": "investigar la desaparición de manera pronta, exhaustiva e imparcial;"},
    "protect_relatives": {"en": "protect the relatives and witnesses against any ill-treatment or intimidation.",
                          "fr": "protéger les proches et les témoins contre tout mauvais traitement ou intimidation.",
                          "es": "proteger a los familiares y testigos contra todo maltrato o intimidación."},
}

NOT_REPORTED = {"en": "no complaint recorded", "fr": "aucune plainte enregistrée", "es": "no consta denuncia"}
SEEN = {"en": "{name}, aged {age}, {nationality}, was last seen on {date} in {place}.",
        "fr": "{name}, âgé(e) de {age} ans, de nationalité {nationality}, a été vu(e) pour la dernière fois le "
              "{date} à {place}.",
        "es": "{name}, de {age} años, de nacionalidad {nationality}, fue visto(a) por última vez el {date} en "
              "{place}."}
LISTED = {"en": "the {n} persons listed in the annex ({first} to {last})",
          "fr": "les {n} personnes dont la liste figure en annexe ({first} à {last})",
          "es": "las {n} personas que figuran en el anexo ({first} a {last})"}
ANNEX_TITLE = {"en": "Disappeared persons and their urgent actions", "fr": "Personnes disparues et actions "
               "urgentes correspondantes", "es": "Personas desaparecidas y acciones urgentes correspondientes"}
