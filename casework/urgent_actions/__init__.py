"""CED urgent actions: requests to seek and find disappeared persons."""
