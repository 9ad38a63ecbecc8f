"""`make bench`: volume data, in-process and load measurements (docs/PERFORMANCE.md)."""
