"""The home page ("My work") and the health check."""
