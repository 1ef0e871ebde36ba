"""Enrichment: the series databases (TVmaze, TMDB) matched to the knowledge base by evidence."""
