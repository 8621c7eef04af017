"""Bulk actions on the case lists: the bar drawn over each list, and the result of each action."""
