"""The standard paragraphs of a special-procedures letter, in English, French and Spanish.

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
    and_word: str


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
        copy_notice="Please be informed that a letter on this subject has also been sent to the Government of "
                    "{states}.",
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
        resolution_one="resolution {list}", resolution_many="resolutions {list}", and_word="and",
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
        copy_notice="Veuillez noter qu'une lettre sur ce sujet a également été adressée au Gouvernement de "
                    "{states}.",
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
        resolution_one="résolution {list}", resolution_many="résolutions {list}", and_word="et",
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
        copy_notice="Le informamos que una carta sobre este asunto ha sido enviada también al Gobierno de "
                    "{states}.",
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
        resolution_one="resolución {list}", resolution_many="resoluciones {list}", and_word="y",
    ),
}


def texts(language: str) -> Texts:
    return TEXTS.get(language, TEXTS["en"])


def joined(items: list[str], and_word: str) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_word} {items[-1]}"
