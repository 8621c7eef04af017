"""Each new database connection is set up for the app's work, whichever database it is."""
from sqlalchemy import text

from casework.extensions import db


def _fresh_connection_setting(query: str):
    """What a newly opened connection answers, after a transaction of its own rolled back."""
    db.engine.dispose()
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        connection.rollback()
        return connection.execute(text(query)).scalar()


def test_connections_keep_their_settings_past_a_rolled_back_transaction(app):
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            # JIT compiling would add tens of milliseconds to a large list's count.
            assert _fresh_connection_setting("SHOW jit") == "off"
        else:
            # Without it, SQLite would let a record point at one that does not exist.
            assert _fresh_connection_setting("PRAGMA foreign_keys") == 1
