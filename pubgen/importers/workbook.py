"""Placeholder replaced below."""
from __future__ import annotations
