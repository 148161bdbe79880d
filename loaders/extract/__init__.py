"""Extraction: normalized Documents → facts (entities, relations, group facts), each with evidence."""
