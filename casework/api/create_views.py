"""`POST /api/v1/<module path>`: each module's registration, through the module's own operations."""
from __future__ import annotations

from collections.abc import Callable

from flask_login import current_user
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError

from casework.api.blueprint import bp
from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, module_apis
from casework.api.schemas import CaseOut
from casework.api.serialize import case_out
from casework.api.spec import operation
from casework.core.writes import Refused
from casework.extensions import db


def create_endpoint(module: ModuleApi) -> str:
    """The view's name from its path ("/detention/visits" → create_detention_visits): a module may
    create more than one kind of case."""
    assert module.create_path is not None
    return "create_" + module.create_path.strip("/").replace("/", "_").replace("-", "_")


def _create_view(module: ModuleApi) -> Callable[..., CaseOut]:
    def create(body: BaseModel) -> CaseOut:
        assert module.create is not None
        for attempt in (1, 2):
            try:
                case = module.create(body, current_user)
                db.session.commit()
                break
            except IntegrityError:  # another request took the same running number: take the next
                db.session.rollback()
                if attempt == 2:
                    raise ApiError(409, "Another record was created at the same moment; send the request again.") \
                        from None
            except Refused as refusal:
                db.session.rollback()
                raise ApiError(403 if refusal.forbidden else 422, str(refusal)) from None
            except ApiError:
                db.session.rollback()
                raise
        return case_out(case, current_user)

    create.__name__ = create_endpoint(module)
    create.__doc__ = f"{module.create_summary} Validated with the rules of the module's registration form."
    return create


for _module in module_apis():
    if _module.create_path and _module.create_schema is not None and _module.create is not None:
        operation(bp, _module.create_path, "POST", summary=f"Create: {_module.label}", tag=_module.label,
                  body=_module.create_schema, response=CaseOut, status=201, errors=(403, 409))(_create_view(_module))
