"""Jobs registered only for the tests of the job machinery."""
from casework.core.jobs import job


@job
def add(a: int, b: int) -> dict:
    return {"sum": a + b}
