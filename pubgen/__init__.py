"""pubgen: publish public budget disclosures as a checked, searchable static site."""

__version__ = "0.1.0"
