"""全国地方公共団体コード: six digits, the last a check digit over the first five."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from keikaku.domain.errors import MunicipalityCodeError

# Prefecture 99 does not exist; keikaku reserves it for fictional example cities.
FICTIONAL_PREFECTURE = "99"
_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The check digit of a five-digit body: (11 - Σ d·w mod 11), keeping its last digit."""
    if len(first_five) != 5 or not first_five.isascii() or not first_five.isdigit():
        raise MunicipalityCodeError(f"expected five digits, got {first_five!r}")
    total = sum(int(d) * w for d, w in zip(first_five, _WEIGHTS))
    return (11 - total % 11) % 10


def normalize_code(code: str) -> str:
    """Validate a code (full-width digits accepted) and return it as six ASCII digits."""
    text = unicodedata.normalize("NFKC", str(code)).strip()
    if len(text) != 6 or not text.isascii() or not text.isdigit():
        raise MunicipalityCodeError(f"municipality code must be 6 digits, got {code!r}")
    prefecture = text[:2]
    if prefecture != FICTIONAL_PREFECTURE and not 1 <= int(prefecture) <= 47:
        raise MunicipalityCodeError(f"municipality code {text}: prefecture {prefecture} is not 01-47")
    expected = check_digit(text[:5])
    if int(text[5]) != expected:
        raise MunicipalityCodeError(
            f"municipality code {text}: check digit is {text[5]}, expected {expected}"
        )
    return text


def is_fictional(code: str) -> bool:
    return code.startswith(FICTIONAL_PREFECTURE)


@dataclass(frozen=True)
class KnownMunicipality:
    code: str
    name: str
    prefecture: str
    name_en: str


KNOWN_MUNICIPALITIES: tuple[KnownMunicipality, ...] = (
    KnownMunicipality("132101", "小金井市", "東京都", "Koganei"),
    KnownMunicipality("132110", "小平市", "東京都", "Kodaira"),
)
