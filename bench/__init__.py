"""seriesbot's benchmark suite: `make bench` (or `.venv/bin/python -m bench`) prints one table."""
