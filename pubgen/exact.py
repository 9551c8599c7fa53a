"""What a figure may be, and the decimal context in which every sum of figures is exact.

A figure has at most ``INTEGER_DIGITS`` digits before the decimal point and
``DECIMALS`` after it, so at most 25 significant digits. Python's default
decimal context keeps 28: a sum of a few thousand such figures, or a single
figure of 28 digits or more, would be rounded (a false ``sum-mismatch``) or
raise ``InvalidOperation`` when quantized. Every function that does arithmetic
on figures runs in ``CONTEXT`` instead, through :func:`exactly`. Its precision
of 50 digits holds, exactly, any sum of fewer than 10^24 figures (no file can
hold that many) and any ratio of two figures quantized to four places.

A decimal context belongs to a thread (a forked process takes the forking
thread's): :func:`exactly` sets it on every call, in whatever thread or
process the call runs, and restores the caller's afterwards.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import Callable, ParamSpec, TypeVar

INTEGER_DIGITS = 15
"""Digits before the decimal point: under 10^15 (一千万亿). China's whole national budget is under 10^14 元."""
DECIMALS = 10
"""Digits after the decimal point: 0.01 元 written in 亿元 needs ten."""
PRECISION = 50
"""Significant digits kept by every computation on figures; see the module's docstring."""

CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The context every computation on figures runs in."""

P = ParamSpec("P")
R = TypeVar("R")


def exactly(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` in ``CONTEXT``, whatever the calling thread's decimal context is."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(CONTEXT):
            return fn(*args, **kwargs)

    return wrapper


def beyond_limits(value: Decimal) -> tuple[str, int] | None:
    """Which limit a figure exceeds, ``("integer", digits)`` or ``("decimals", digits)``, or None."""
    if not value.is_finite():
        return ("integer", 0)
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals > DECIMALS:
        return ("decimals", decimals)
    integer = value.adjusted() + 1 if value else 1
    if integer > INTEGER_DIGITS:
        return ("integer", integer)
    return None
