"""The persons registry, shared by every procedure."""
from __future__ import annotations

from casework.core.modules import DomainModule
from casework.persons import exports, views

MODULE = DomainModule(name="persons", blueprint=views.bp, exports=(exports.PERSONS_LIST,))
