"""The jury's pages, by audience: ``juror`` (their own seats) and ``office`` (the conflict
matrix and decisions)."""
