"""Individual cases raised with the authorities, and releases: individual and aggregate, each person
counted once. The cases' workflow: open → raised → outcome recorded → closed."""
