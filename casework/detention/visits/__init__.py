"""Visits to places of detention: the visit record, interviews, recommendations and their follow-up,
the numbered summary report, and the visit's workflow (draft → submitted → reviewed → final)."""
