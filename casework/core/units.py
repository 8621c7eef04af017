"""Organisational units: committees, mandates, teams and offices that own case records."""
from __future__ import annotations

import enum

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.core.audit import Audited
from casework.core.db import StrEnumType, TimestampMixin
from casework.core.states import page_language
from casework.extensions import db


class UnitKind(enum.StrEnum):
    COMMITTEE = "committee"
    MANDATE = "mandate"
    REPRISALS_TEAM = "reprisals_team"
    FIELD_OFFICE = "field_office"
    SECRETARIAT = "secretariat"


class Unit(Audited, TimestampMixin, db.Model):
    """A unit of the Office; every case belongs to exactly one.

    Audited: its settings move deadlines and change who signs letters.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(StrEnumType(UnitKind))
    active: Mapped[bool] = mapped_column(default=True)
    # Practice that varies per unit (deadlines, reference formats) is configured here.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)

    @property
    def is_secretariat(self) -> bool:
        """Membership of the secretariat applies to every unit."""
        return self.kind is UnitKind.SECRETARIAT

    @property
    def shown_name(self) -> str:
        """The unit's name in the page's language where the UN has an official one (committees,
        mandates), as long as the unit keeps its standard English name; else as recorded (field
        offices keep their proper names, a renamed unit its administrators' words)."""
        names = OFFICIAL_NAMES.get(self.code)
        language = page_language()
        if names is None or names.get("en") != self.name:
            return self.name
        return names.get(language, self.name)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


# The UN's names of the standing units in French and Spanish (the committees' from the glossary,
# translations/GLOSSARY.md; the mandates' from the Human Rights Council's resolutions), by code.
OFFICIAL_NAMES: dict[str, dict[str, str]] = {
    "CCPR": {"en": "Human Rights Committee", "fr": "Comité des droits de l'homme",
             "es": "Comité de Derechos Humanos"},
    "CAT": {"en": "Committee against Torture", "fr": "Comité contre la torture", "es": "Comité contra la Tortura"},
    "CERD": {"en": "Committee on the Elimination of Racial Discrimination",
             "fr": "Comité pour l'élimination de la discrimination raciale",
             "es": "Comité para la Eliminación de la Discriminación Racial"},
    "CEDAW": {"en": "Committee on the Elimination of Discrimination against Women",
              "fr": "Comité pour l'élimination de la discrimination à l'égard des femmes",
              "es": "Comité para la Eliminación de la Discriminación contra la Mujer"},
    "CESCR": {"en": "Committee on Economic, Social and Cultural Rights",
              "fr": "Comité des droits économiques, sociaux et culturels",
              "es": "Comité de Derechos Económicos, Sociales y Culturales"},
    "CRC": {"en": "Committee on the Rights of the Child", "fr": "Comité des droits de l'enfant",
            "es": "Comité de los Derechos del Niño"},
    "CRPD": {"en": "Committee on the Rights of Persons with Disabilities",
             "fr": "Comité des droits des personnes handicapées",
             "es": "Comité sobre los Derechos de las Personas con Discapacidad"},
    "CED": {"en": "Committee on Enforced Disappearances", "fr": "Comité des disparitions forcées",
            "es": "Comité contra la Desaparición Forzada"},
    "CMW": {"en": "Committee on Migrant Workers", "fr": "Comité des travailleurs migrants",
            "es": "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares"},
    "SR-TORTURE": {
        "en": "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
        "fr": "Rapporteur spécial sur la torture et autres peines ou traitements cruels, inhumains ou dégradants",
        "es": "Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos o degradantes"},
    "SR-HRDEFENDERS": {
        "en": "Special Rapporteur on the situation of human rights defenders",
        "fr": "Rapporteur spécial sur la situation des défenseurs des droits de l'homme",
        "es": "Relator Especial sobre la situación de los defensores de los derechos humanos"},
    "SR-FREEEXPRESSION": {
        "en": "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression",
        "fr": "Rapporteur spécial sur la promotion et la protection du droit à la liberté d'opinion et d'expression",
        "es": "Relator Especial sobre la promoción y protección del derecho a la libertad de opinión y de "
              "expresión"},
    "SR-EXECUTIONS": {
        "en": "Special Rapporteur on extrajudicial, summary or arbitrary executions",
        "fr": "Rapporteur spécial sur les exécutions extrajudiciaires, sommaires ou arbitraires",
        "es": "Relator Especial sobre las ejecuciones extrajudiciales, sumarias o arbitrarias"},
    "SR-JUDGES": {
        "en": "Special Rapporteur on the independence of judges and lawyers",
        "fr": "Rapporteur spécial sur l'indépendance des juges et des avocats",
        "es": "Relator Especial sobre la independencia de los magistrados y abogados"},
    "SR-MIGRANTS": {
        "en": "Special Rapporteur on the human rights of migrants",
        "fr": "Rapporteur spécial sur les droits de l'homme des migrants",
        "es": "Relator Especial sobre los derechos humanos de los migrantes"},
    "WGAD": {"en": "Working Group on Arbitrary Detention", "fr": "Groupe de travail sur la détention arbitraire",
             "es": "Grupo de Trabajo sobre la Detención Arbitraria"},
    "WGEID": {"en": "Working Group on Enforced or Involuntary Disappearances",
              "fr": "Groupe de travail sur les disparitions forcées ou involontaires",
              "es": "Grupo de Trabajo sobre las Desapariciones Forzadas o Involuntarias"},
    "WG-BUSINESS": {
        "en": "Working Group on the issue of human rights and transnational corporations and other business "
              "enterprises",
        "fr": "Groupe de travail sur la question des droits de l'homme et des sociétés transnationales et autres "
              "entreprises",
        "es": "Grupo de Trabajo sobre la cuestión de los derechos humanos y las empresas transnacionales y otras "
              "empresas"},
    "OHCHR": {"en": "Office of the High Commissioner for Human Rights (secretariat)",
              "fr": "Haut-Commissariat des Nations Unies aux droits de l'homme (secrétariat)",
              "es": "Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos (secretaría)"},
}
