"""The registry of people who appear in cases."""
