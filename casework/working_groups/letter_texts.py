"""The standard texts of the working groups' letters, in English, French and Spanish.

Placeholders are plain values of the letter context (`casework.working_groups.letters`); dates
arrive written out in the letter's language. The context never holds the source.
"""
from __future__ import annotations

SUBJECTS = {
    "wgad_transmittal": {"en": "Regular communication {ref}", "fr": "Communication ordinaire {ref}",
                         "es": "Comunicación ordinaria {ref}"},
    "wgad_opinion_transmittal": {"en": "{opinion} ({ref})", "fr": "Avis no {opinion_number} ({ref})",
                                 "es": "Opinión núm. {opinion_number} ({ref})"},
    "wgad_opinion_to_source": {"en": "{opinion} ({ref})", "fr": "Avis no {opinion_number} ({ref})",
                               "es": "Opinión núm. {opinion_number} ({ref})"},
    "wgeid_transmittal": {"en": "Case {ref}", "fr": "Cas {ref}", "es": "Caso {ref}"},
    "wgeid_reply_to_source": {"en": "Reply of the Government: case {ref}", "fr": "Réponse du Gouvernement : cas {ref}",
                              "es": "Respuesta del Gobierno: caso {ref}"},
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
}

# The categories an opinion finds, as the finding's sentence names them: (one, several, last joined by).
CATEGORY_WORDING = {
    "en": ("category {list}", "categories {list}", " and "),
    "fr": ("de la catégorie {list}", "des catégories {list}", " et "),
    "es": ("la categoría {list}", "las categorías {list}", " y "),
}

FINDINGS = {
    "arbitrary": {
        "en": "The Working Group considered that the deprivation of liberty of {persons} is arbitrary and falls "
              "within {categories}.",
        "fr": "Le Groupe de travail a estimé que la privation de liberté de {persons} est arbitraire et relève "
              "{categories}.",
        "es": "El Grupo de Trabajo consideró que la privación de libertad de {persons} es arbitraria y se inscribe "
              "en {categories}.",
    },
    "not_arbitrary": {
        "en": "The Working Group considered that the deprivation of liberty of {persons} is not arbitrary.",
        "fr": "Le Groupe de travail a estimé que la privation de liberté de {persons} n'est pas arbitraire.",
        "es": "El Grupo de Trabajo consideró que la privación de libertad de {persons} no es arbitraria.",
    },
    "filed": {
        "en": "The Working Group decided to file the case.",
        "fr": "Le Groupe de travail a décidé de classer l'affaire.",
        "es": "El Grupo de Trabajo decidió archivar el caso.",
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
    },
    "standard": {
        "en": "At its {session} session, the Working Group decided to transmit to your Excellency's Government, "
              "under its standard procedure, the following case of disappearance.",
        "fr": "À sa {session}e session, le Groupe de travail a décidé de transmettre au Gouvernement de Votre "
              "Excellence, au titre de sa procédure ordinaire, le cas de disparition suivant.",
        "es": "En su {session}º período de sesiones, el Grupo de Trabajo decidió transmitir al Gobierno de Su "
              "Excelencia, en el marco de su procedimiento ordinario, el siguiente caso de desaparición.",
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
}
