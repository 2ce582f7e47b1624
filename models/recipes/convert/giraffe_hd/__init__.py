"""GIRAFFE-HD (AustinXY/GIRAFFEHD) -> studio bundle."""
