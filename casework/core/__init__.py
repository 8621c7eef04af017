"""Shared machinery used by every domain module: written once, used everywhere."""
