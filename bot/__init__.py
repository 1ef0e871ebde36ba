"""seriesbot: announces new TV and streaming series to chat communities."""

__version__ = "0.1.0"
