"""Claim extraction: plain text in, candidate attributed statements out. No Django, no network."""

from .extractor import Candidate, extract, known_aliases

__all__ = ["Candidate", "extract", "known_aliases"]
