"""Exports of any list as CSV or XLSX, through the same query (filters and access policy) as its page.

A list declares itself once in its module's `exports.py` (`registry.register`); the export page,
the background job and the buttons all read that declaration.
"""
