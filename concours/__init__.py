"""Concours: a platform for international music competitions and their federation."""
