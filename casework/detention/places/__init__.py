"""The register of places of detention of each field office, with each place's history of visits."""
