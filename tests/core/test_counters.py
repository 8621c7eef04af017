"""Running numbers: never shared between concurrent registrations, and never behind imported ones."""
from __future__ import annotations

import threading

from casework.core.counters import next_number, take_at_least
from casework.extensions import db


def test_numbers_run_per_scope(app):
    assert [next_number("communication:CCPR:2026") for _ in range(3)] == [1, 2, 3]
    assert next_number("communication:CAT:2026") == 1
    assert next_number("communication:CCPR:2027") == 1


def test_a_rolled_back_registration_gives_its_number_back(app):
    next_number("communication:CCPR:2026")
    db.session.commit()
    assert next_number("communication:CCPR:2026") == 2
    db.session.rollback()
    assert next_number("communication:CCPR:2026") == 2


def test_imported_numbers_are_never_reused(app):
    take_at_least("communication:CCPR:2016", 2751)
    take_at_least("communication:CCPR:2016", 12)  # an older import does not lower it
    assert next_number("communication:CCPR:2016") == 2752


def test_concurrent_registrations_never_share_a_number(app):
    """Eight registrations at once, each in its own connection and transaction, holding its
    number for a moment before committing: every one gets a different number."""
    taken: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def register() -> None:
        try:
            with app.app_context():
                start.wait()
                number = next_number("communication:CCPR:2026")
                threading.Event().wait(0.05)  # the rest of the registration's work
                db.session.commit()
                taken.append(number)
                db.session.remove()
        except BaseException as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 9))
