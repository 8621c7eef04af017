"""Pages every kind of case shares: the case page, actions, files, assignments, persons."""
