"""Sign-in, sign-out, two-factor login and the account pages."""
