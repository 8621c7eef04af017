"""The working groups on arbitrary detention and on enforced disappearances (DOMAIN §6)."""
