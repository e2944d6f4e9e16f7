"""The parts of ``benchmarks/stories.py``: data loading, scorers and the baselines."""
