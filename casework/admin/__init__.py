"""Administration: users, memberships, units and background jobs."""
