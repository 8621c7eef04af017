"""Letters and notes verbales: drafted from templates, approved, rendered to PDF by workers."""
