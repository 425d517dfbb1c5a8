"""Claim extraction: plain text in, candidate attributed statements out. No Django, no network."""

from .extractor import MAX_CHARS, Candidate, extract, known_aliases

__all__ = ["MAX_CHARS", "Candidate", "extract", "known_aliases"]
