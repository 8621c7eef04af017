"""The working groups' lists exported: the page's filters and order, and never the source."""
from __future__ import annotations

import csv
import io

from tests.conftest import sign_in
from tests.working_groups.conftest import SOURCE


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_detention_list_exports_as_filtered_without_the_source(client, users, states, make_detention):
    make_detention(family="Karimi")
    make_detention(family="Haddad", state="MEX")
    opined = make_detention(family="Salehi", steps=("transmit",))
    sign_in(client, users["officer"])
    rows = _rows(client.post("/exports/wgad/csv", data={"state": states["IRQ"].id}))
    assert rows[0][:5] == ["Reference", "State", "Title", "Received", "Status"]
    titles = [row[2] for row in rows[1:]]
    assert len(titles) == 2 and not any("Haddad" in title for title in titles)
    assert any(row[0] == opined.reference and row[4] == opined.status_label for row in rows[1:])
    assert SOURCE not in "\n".join(",".join(row) for row in rows)


def test_the_disappearance_list_exports_its_procedure_and_dates(client, users, make_disappearance):
    case = make_disappearance(family="Lozano")
    sign_in(client, users["secretariat"])
    rows = _rows(client.post("/exports/wgeid/csv"))
    header, [row] = rows[0], rows[1:]
    assert row[0] == case.reference
    assert row[header.index("Procedure")] == "Standard procedure"
    assert row[header.index("Disappeared")] == case.disappeared_on.isoformat()
