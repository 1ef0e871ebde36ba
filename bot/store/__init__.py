"""Persistence: the database is the truth for feeds, entries, series and deliveries."""
