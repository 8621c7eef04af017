"""What a domain module adds to Casework, declared in one place: its `module.py`.

Each procedure (communications, urgent actions, detention…) is a package with a `module.py` that
holds one `DomainModule`: its blueprint and the files whose routes hang on it, its tables, its
workflows, letter types, navigation entry, case-page panels, deadline rules, access rules, and
its contributions to the API, exports, search, key figures, approvals and demo. The app factory
reads the declarations (`casework.domain_modules()`) and installs them; nothing registers itself
because a file happened to be imported.
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from casework.api.modules import ModuleApi
    from casework.core.deadlines import ExtensionRule
    from casework.core.persons import HiddenLinks
    from casework.core.workflow import Workflow
    from casework.exports.registry import ExportableList
    from casework.figures.sections import Section
    from casework.letters.types import LetterType
    from casework.reminders.approvals import Awaiting
    from casework.search.sources import Source

Panel = Callable[[Any], dict]  # case → what its panels show on the case page
FlushGuard = Callable[[Session, Any, Any], None]  # a `before_flush` listener that refuses what must never be stored


@dataclass(frozen=True)
class DomainModule:
    """One procedure's declaration. Only `name` and `blueprint` are required."""

    name: str  # the package name, e.g. "urgent_actions"
    blueprint: Blueprint
    routes: tuple[ModuleType, ...] = ()  # files whose routes hang on `blueprint`, besides its own
    models: tuple[ModuleType, ...] = ()  # files whose tables the metadata (and Alembic) must see
    nav: tuple[str, str, str] | None = None  # (label, endpoint, endpoint prefix marking it current)
    # Whose work this module is: the members of the units it says yes to see it in the navigation
    # (everyone may still open it; None: everyone's). Secretariat-wide roles see every module.
    works_in: Callable[[Any], bool] | None = None
    workflows: tuple[Workflow, ...] = ()
    letter_types: tuple[LetterType, ...] = ()
    panels: Mapping[str | None, tuple[Panel, ...]] = field(default_factory=dict)  # case type (None: all)
    extension_rules: Mapping[str, ExtensionRule] = field(default_factory=dict)  # deadline kind → rule
    hidden_links: tuple[HiddenLinks, ...] = ()
    flush_guards: tuple[FlushGuard, ...] = ()
    api_module: str = ""  # where its `API` is declared; imported only by an app serving the JSON API
    exports: tuple[ExportableList, ...] = ()
    search: tuple[Source, ...] = ()
    figures: Callable[[Any, Any], Section | None] | None = None  # (user, period) → its key figures
    approvals: Callable[[Any, int], list[Awaiting]] | None = None  # (user, limit) → awaiting their decision
    demo: Callable[[], list[tuple[str, str]] | None] | None = None  # adds demo data; accounts to print

    @property
    def api(self) -> tuple[ModuleApi, ...]:
        """Its part of the JSON API (`api.API`: one or a list)."""
        return _api_of(self.api_module) if self.api_module else ()


@functools.cache
def _api_of(path: str) -> tuple[ModuleApi, ...]:
    declared = importlib.import_module(path).API
    return tuple(declared) if isinstance(declared, list | tuple) else (declared,)


def standard_parts(api: str, exports: ModuleType, search: ModuleType, figures: ModuleType,
                   demo: ModuleType, approvals: ModuleType | None = None) -> dict[str, Any]:
    """What every procedure gives in files of the same names, by the same names: `api.API` (one
    or a list; its module named, not imported, so that an app without the JSON API never loads
    it), `exports.EXPORTS`, `search.SOURCES`, `figures.key_figures`, `demo.load_demo` and, where
    decisions wait for a supervisor, `approvals.awaiting_approval`."""
    return {
        "api_module": api,
        "exports": tuple(exports.EXPORTS),
        "search": tuple(search.SOURCES),
        "figures": figures.key_figures,
        "demo": demo.load_demo,
        "approvals": approvals.awaiting_approval if approvals is not None else None,
    }


def install(app: Flask, module: DomainModule) -> None:
    """Put a declaration to work in `app`. The registries are shared, and installing twice (every
    test builds an app) leaves them as installing once."""
    from casework.cases.views import register_detail_context
    from casework.core.deadlines import register_extension_rule
    from casework.core.persons import register_hidden_links
    from casework.core.workflow import register_workflow
    from casework.exports.registry import register as register_export
    from casework.letters.types import register_letter_type
    from casework.web import register_nav

    for workflow in module.workflows:
        register_workflow(workflow)
    for letter_type in module.letter_types:
        register_letter_type(letter_type)
    for case_type, builders in module.panels.items():
        for build in builders:
            register_detail_context(case_type, build)
    for kind, rule in module.extension_rules.items():
        register_extension_rule(kind, rule)
    for rule in module.hidden_links:
        register_hidden_links(rule)
    for guard in module.flush_guards:
        if not event.contains(Session, "before_flush", guard):
            event.listen(Session, "before_flush", guard)
    for exportable in module.exports:
        register_export(exportable)
    if module.nav is not None:
        register_nav(*module.nav, works_in=module.works_in)
    app.register_blueprint(module.blueprint)
