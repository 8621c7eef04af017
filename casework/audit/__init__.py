"""The audit log for auditors and administrators."""
