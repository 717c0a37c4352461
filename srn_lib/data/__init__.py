"""Data for the experiments: generated on the fly, so nothing is downloaded by default."""
