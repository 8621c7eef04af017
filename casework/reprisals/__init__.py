"""Reprisals: confidential cases of intimidation of people who cooperated with the United Nations."""
