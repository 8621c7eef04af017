"""Special-procedures communications: joint letters of mandate holders to States and companies."""
