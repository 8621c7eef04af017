"""Strings in the user's language: labels declared once, translated when shown."""
from __future__ import annotations

import enum

import flask_babel
from flask_babel import Domain, LazyString, force_locale
from flask_babel import lazy_gettext as _l
from werkzeug.utils import cached_property

# A label declared with `lazy_gettext` at import, translated each time it is shown.
Label = str | LazyString


class _RequestDomain(Domain):
    """Flask-Babel's domain, the request's catalogue kept beside its language.

    Flask-Babel finds the catalogue again for every string, naming the language to look it up:
    about 10 µs, and a list page translates a few hundred strings (labels, headings, a check
    box's name per row). The catalogue is kept for as long as the request's language is the one
    it was found for, so that `force_locale` still switches it.
    """

    def get_translations(self):
        # Flask-Babel 4's namespace of the request (pinned below 5), where it keeps the language.
        held = flask_babel._get_current_context()
        if held is None:
            return super().get_translations()
        language = getattr(held, "babel_locale", None)
        kept = getattr(held, "casework_catalogue", None)
        if language is not None and kept is not None and kept[0] is language:
            return kept[1]
        translations = super().get_translations()
        held.casework_catalogue = (held.babel_locale, translations)
        return translations


class Babel(flask_babel.Babel):
    """Flask-Babel, with a request's catalogue found once rather than per string."""

    @cached_property
    def domain_instance(self) -> Domain:
        return _RequestDomain(domain=self.domain)


def english(label: Label) -> str:
    """A label as stored in the database (a deadline's, a case's title): in English whoever is
    signed in, so that each reader is shown it in their own language, or the data stays one."""
    with force_locale("en"):
        return str(label)


# The words of the codes forms offer and pages show (roles, reasons, kinds…), by code: the
# English is the code in words, as it was shown before the pages were translated.
ENUM_WORDS: dict[str, Label] = {
    "admissible": _l("Admissible"),
    "alive_and_free": _l("Alive and free"),
    "alleged_victim": _l("Alleged victim"),
    "anonymous": _l("Anonymous"),
    "approved": _l("Approved"),
    "author": _l("Author"),
    "awaited": _l("Awaited"),
    "before_entry_into_force": _l("Before entry into force"),
    "case_officer": _l("Case officer"),
    "clarification_requested": _l("Clarification requested"),
    "closed": _l("Closed"),
    "comments_requested": _l("Comments requested"),
    "committee": _l("Committee"),
    "complied": _l("Complied"),
    "counsel": _l("Counsel"),
    "country_only": _l("Country only"),
    "country_team": _l("Country team"),
    "create": _l("Create"),
    "deceased": _l("Deceased"),
    "decided": _l("Decided"),
    "delete": _l("Delete"),
    "denial_of_accreditation": _l("Denial of accreditation"),
    "detainee": _l("Detainee"),
    "detention": _l("Detention"),
    "disappearance": _l("Disappearance"),
    "disappeared_person": _l("Disappeared person"),
    "discontinued": _l("Discontinued"),
    "download": _l("Download"),
    "draft": _l("Draft"),
    "family_member": _l("Family member"),
    "female": _l("Female"),
    "field_office": _l("Field office"),
    "final": _l("Final"),
    "follow_up": _l("Follow up"),
    "friendly_settlement": _l("Friendly settlement"),
    "group": _l("Group"),
    "high": _l("High"),
    "human_rights_council": _l("Human rights council"),
    "human_rights_defender": _l("Human rights defender"),
    "ill_treatment": _l("Ill treatment"),
    "implemented": _l("Implemented"),
    "in_detention": _l("In detention"),
    "inadmissible": _l("Inadmissible"),
    "individual": _l("Individual"),
    "interim_measures": _l("Interim measures"),
    "investigate": _l("Investigate"),
    "killing": _l("Killing"),
    "locked_out": _l("Locked out"),
    "login": _l("Login"),
    "login_failed": _l("Login failed"),
    "logout": _l("Logout"),
    "low": _l("Low"),
    "male": _l("Male"),
    "mandate": _l("Mandate"),
    "may_be_named": _l("May be named"),
    "medium": _l("Medium"),
    "ngo_deregistration": _l("Ngo deregistration"),
    "no_details": _l("No details"),
    "no_information": _l("No information"),
    "no_reply_to_clarification": _l("No reply to clarification"),
    "not_complied": _l("Not complied"),
    "not_implemented": _l("Not implemented"),
    "not_registered": _l("Not registered"),
    "notified": _l("Notified"),
    "observations_received": _l("Observations received"),
    "office": _l("Office"),
    "organisation": _l("Organisation"),
    "other": _l("Other"),
    "outside_competence": _l("Outside competence"),
    "partially_implemented": _l("Partially implemented"),
    "protect_relatives": _l("Protect relatives"),
    "published": _l("Published"),
    "ready_for_decision": _l("Ready for decision"),
    "received": _l("Received"),
    "registered": _l("Registered"),
    "replied": _l("Replied"),
    "reprisals_team": _l("Reprisals team"),
    "restrictive_law": _l("Restrictive law"),
    "satisfactory": _l("Satisfactory"),
    "search": _l("Search"),
    "secretariat": _l("Secretariat"),
    "seizure_of_property": _l("Seizure of property"),
    "sent": _l("Sent"),
    "smear_campaign": _l("Smear campaign"),
    "source": _l("Source"),
    "special_procedure": _l("Special procedure"),
    "state_change": _l("State change"),
    "state_not_party": _l("State not party"),
    "submitted": _l("Submitted"),
    "supervisor": _l("Supervisor"),
    "surveillance": _l("Surveillance"),
    "threats": _l("Threats"),
    "threats_to_relatives": _l("Threats to relatives"),
    "transmitted": _l("Transmitted"),
    "travel_ban": _l("Travel ban"),
    "treaty_body": _l("Treaty body"),
    "unknown": _l("Unknown"),
    "unsatisfactory": _l("Unsatisfactory"),
    "update": _l("Update"),
    "upr": _l("Upr"),
    "view": _l("View"),
    "viewer": _l("Viewer"),
    "views_no_violation": _l("Views no violation"),
    "views_violation": _l("Views violation"),
    "witness": _l("Witness"),
}


def enum_label(member: enum.Enum | str) -> Label:
    """A code in the reader's words: "case_officer" → "Case officer", "Agent traitant"."""
    code = member.value if isinstance(member, enum.Enum) else member
    return ENUM_WORDS.get(code) or code.replace("_", " ").capitalize()
