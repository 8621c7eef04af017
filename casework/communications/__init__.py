"""Treaty-body individual communications and special-procedures letters."""
