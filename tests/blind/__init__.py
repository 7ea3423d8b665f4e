"""Synthetic site families of the blind acceptance tests (see families.py)."""
