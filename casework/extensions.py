"""Flask extensions, created without an app so that modules can import them freely."""
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from casework.core.db import Base
from casework.core.i18n import Babel

db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
