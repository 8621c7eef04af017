"""Outgoing correspondence, shared by every procedure: letters, notes verbales and circulars."""
from __future__ import annotations

from casework.core.modules import DomainModule
from casework.letters import exports, jobs, models, types, views, workflow

MODULE = DomainModule(
    name="letters",
    blueprint=views.bp,
    models=(models, jobs),
    workflows=(workflow.LETTER_WORKFLOW,),
    letter_types=types.SHARED_TYPES,
    panels={"letter": (views.letter_panels,), None: (views.letters_panel,)},
    exports=(exports.LETTERS_LIST,),
)
