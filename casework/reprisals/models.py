"""Reprisals: intimidation of people who cooperate, or try to, with the UN (DOMAIN §7).

A reprisals case is a `Case` of the reprisals team's unit and is always confidential, so the one
access policy shows it only to the people assigned to it and to administrators. Everything else
recorded about it (victims, acts, consent, risk, actions, inclusion decisions, links) hangs off the
case with a `case_id`, so the audit trail files it under the case and withholds it with the case.
"""
from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType
from casework.core.persons import Person, PersonRole
from casework.core.states import State
from casework.extensions import db


class ReprisalStatus(enum.StrEnum):
    RECEIVED = "received"
    RISK_AND_CONSENT = "risk_and_consent"
    VERIFICATION = "verification"
    ACTION = "action"
    INCLUSION_DECISION = "inclusion_decision"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class VictimKind(enum.StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    GROUP = "group"


class UNBody(enum.StrEnum):
    """The parts of the UN a person cooperated with, or that raised the case."""

    HUMAN_RIGHTS_COUNCIL = "human_rights_council"
    UPR = "upr"
    SPECIAL_PROCEDURE = "special_procedure"
    TREATY_BODY = "treaty_body"
    OFFICE = "office"  # OHCHR headquarters or a field presence
    COUNTRY_TEAM = "country_team"
    OTHER = "other"


UN_BODY_LABELS = {
    UNBody.HUMAN_RIGHTS_COUNCIL: "Human Rights Council",
    UNBody.UPR: "Universal periodic review",
    UNBody.SPECIAL_PROCEDURE: "Special procedure",
    UNBody.TREATY_BODY: "Treaty body",
    UNBody.OFFICE: "The Office or a field presence",
    UNBody.COUNTRY_TEAM: "UN country team",
    UNBody.OTHER: "Other",
}


class ActCategory(enum.StrEnum):
    DETENTION = "detention"
    ILL_TREATMENT = "ill_treatment"
    TRAVEL_BAN = "travel_ban"
    SURVEILLANCE = "surveillance"
    SMEAR_CAMPAIGN = "smear_campaign"
    THREATS = "threats"
    THREATS_TO_RELATIVES = "threats_to_relatives"
    KILLING = "killing"
    DISAPPEARANCE = "disappearance"
    SEIZURE_OF_PROPERTY = "seizure_of_property"
    RESTRICTIVE_LAW = "restrictive_law"
    NGO_DEREGISTRATION = "ngo_deregistration"
    DENIAL_OF_ACCREDITATION = "denial_of_accreditation"


class ConsentScope(enum.StrEnum):
    """How far the annual report may go: name them, mention only the country, or say nothing."""

    MAY_BE_NAMED = "may_be_named"
    COUNTRY_ONLY = "country_only"
    NO_DETAILS = "no_details"


CONSENT_LABELS = {
    ConsentScope.MAY_BE_NAMED: _l("May be named"),
    ConsentScope.COUNTRY_ONLY: _l("Country only, no names"),
    ConsentScope.NO_DETAILS: _l("No details"),
}


class RiskLevel(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ActionKind(enum.StrEnum):
    RAISED_WITH_STATE = "raised_with_state"
    JOINT_LETTER = "joint_letter"
    RAPPORTEUR_LETTER = "rapporteur_letter"
    PUBLIC_STATEMENT = "public_statement"
    PROTECTION_MEASURE = "protection_measure"


ACTION_LABELS = {
    ActionKind.RAISED_WITH_STATE: _l("Raised privately with the State"),
    ActionKind.JOINT_LETTER: _l("Joint special-procedures letter"),
    ActionKind.RAPPORTEUR_LETTER: _l("Committee rapporteur letter"),
    ActionKind.PUBLIC_STATEMENT: _l("Public statement"),
    ActionKind.PROTECTION_MEASURE: _l("Protection by the field presence"),
}


class Annex(enum.StrEnum):
    NEW = "I"  # annex I: new cases
    FOLLOW_UP = "II"  # annex II: follow-up on cases of earlier reports


class ReprisalCase(Case):
    """An allegation of intimidation or reprisal, and what the Office did about it."""

    __tablename__ = "reprisal_cases"

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"), index=True)
    received_on: Mapped[date]
    summary: Mapped[str] = mapped_column(Text, default="")
    trigger: Mapped[str] = mapped_column(Text, default="")  # the cooperation the acts answered
    engaged_body: Mapped[UNBody] = mapped_column(StrEnumType(UNBody))
    engaged_body_name: Mapped[str] = mapped_column(String(200), default="")  # "Special Rapporteur on …"
    engagement_type: Mapped[str] = mapped_column(String(200), default="")  # "submitted information", …
    engaged_from: Mapped[date | None]
    engaged_to: Mapped[date | None]
    raised_by: Mapped[UNBody | None] = mapped_column(StrEnumType(UNBody))
    raised_by_name: Mapped[str] = mapped_column(String(200), default="")

    state: Mapped[State] = relationship(lazy="joined")
    victims: Mapped[list[Victim]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                 order_by="Victim.id")
    acts: Mapped[list[Act]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                           order_by="Act.occurred_on")
    consents: Mapped[list[Consent]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                   order_by="Consent.id")
    risk_assessments: Mapped[list[RiskAssessment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="RiskAssessment.assessed_on")
    actions: Mapped[list[ActionTaken]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                      order_by="ActionTaken.taken_on")
    inclusions: Mapped[list[Inclusion]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                       order_by="Inclusion.report_year")
    links: Mapped[list[RelatedCase]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                    foreign_keys="RelatedCase.case_id", order_by="RelatedCase.id")

    __mapper_args__ = {"polymorphic_identity": "reprisal"}
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition
    detail_template = "reprisals/detail.html"

    @property
    def type_label(self) -> str:
        return _("Reprisals case")

    @property
    def valid_consent(self) -> Consent | None:
        """The consent now in force: the latest informed one not revoked."""
        current = [c for c in self.consents if c.informed and c.revoked_on is None]
        return max(current, key=lambda c: (c.given_on, c.id)) if current else None

    @property
    def latest_risk(self) -> RiskAssessment | None:
        return self.risk_assessments[-1] if self.risk_assessments else None

    @property
    def roles_withheld_from_letters(self) -> frozenset[PersonRole]:
        """Victims are named to the State only where their consent allows it."""
        consent = self.valid_consent
        if consent is not None and consent.scope is ConsentScope.MAY_BE_NAMED:
            return frozenset()
        return frozenset({PersonRole.ALLEGED_VICTIM})

    def letter_states(self) -> list[State]:
        return [self.state]

    def letter_context(self) -> dict[str, str]:
        from casework.reprisals.letters import reprisal_context

        return reprisal_context(self)


class Victim(Audited, db.Model):
    """An individual (a person of the registry), an organisation or a group targeted."""

    __tablename__ = "reprisal_victims"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[VictimKind] = mapped_column(StrEnumType(VictimKind))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")  # organisations and groups
    minor: Mapped[bool] = mapped_column(default=False)
    foreign_national: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text, default="")  # "woman human rights defender", …

    case: Mapped[ReprisalCase] = relationship(back_populates="victims")
    person: Mapped[Person | None] = relationship()

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person else self.name


class Act(Audited, db.Model):
    """One act of intimidation or reprisal, with its date."""

    __tablename__ = "reprisal_acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    category: Mapped[ActCategory] = mapped_column(StrEnumType(ActCategory))
    occurred_on: Mapped[date]
    description: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ReprisalCase] = relationship(back_populates="acts")


class Consent(Audited, db.Model):
    """Consent to act on the case and to publish it, to the extent of its scope; revocable."""

    __tablename__ = "reprisal_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    informed: Mapped[bool] = mapped_column(default=False)
    scope: Mapped[ConsentScope] = mapped_column(StrEnumType(ConsentScope))
    given_by: Mapped[str] = mapped_column(String(200))  # the victim, a relative, counsel…
    given_on: Mapped[date]
    revoked_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ReprisalCase] = relationship(back_populates="consents")


class RiskAssessment(Audited, db.Model):
    __tablename__ = "reprisal_risk_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    level: Mapped[RiskLevel] = mapped_column(StrEnumType(RiskLevel))
    assessed_on: Mapped[date]
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    measures: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ReprisalCase] = relationship(back_populates="risk_assessments")
    assessor = relationship("User")


class ActionTaken(Audited, db.Model):
    """One action on the case, with its date and outcome."""

    __tablename__ = "reprisal_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ActionKind] = mapped_column(StrEnumType(ActionKind))
    taken_on: Mapped[date]
    outcome: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ReprisalCase] = relationship(back_populates="actions")

    @property
    def label(self) -> str:
        return ACTION_LABELS[self.kind]


class Inclusion(Audited, db.Model):
    """The decision to include the case in one annual report, in annex I (new) or II (follow-up)."""

    __tablename__ = "reprisal_inclusions"
    __table_args__ = (UniqueConstraint("case_id", "report_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    report_year: Mapped[int] = mapped_column(index=True)  # the year the reporting period ends
    annex: Mapped[Annex] = mapped_column(StrEnumType(Annex))
    decided_on: Mapped[date]
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    case: Mapped[ReprisalCase] = relationship(back_populates="inclusions")
    decided_by = relationship("User")


class RelatedCase(Audited, db.Model):
    """A case of another procedure this one is about (a disappearance, a joint letter)."""

    __tablename__ = "reprisal_related_cases"
    __table_args__ = (UniqueConstraint("case_id", "related_case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reprisal_cases.id", ondelete="CASCADE"), index=True)
    related_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(300), default="")

    case: Mapped[ReprisalCase] = relationship(back_populates="links", foreign_keys=[case_id])
    related_case: Mapped[Case] = relationship(foreign_keys=[related_case_id])


# How the trail names these records ("Victim added", not "Reprisal victims added").
RECORD_NAMES.update({
    "reprisal_cases": _l("reprisals case"), "reprisal_victims": _l("victim"), "reprisal_acts": _l("act"), "reprisal_consents": _l("consent"),
    "reprisal_risk_assessments": _l("risk assessment"), "reprisal_actions": _l("action taken"),
    "reprisal_inclusions": _l("report inclusion"), "reprisal_related_cases": _l("related case"),
})
