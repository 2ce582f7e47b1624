"""GIRAFFE (autonomousvision/giraffe) -> studio bundle."""
