"""Acronyms learned from the collection: mined from each cable at ingest, counted per origin."""
