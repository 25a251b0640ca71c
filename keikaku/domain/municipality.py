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


PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)


def prefecture_of(code: str) -> str | None:
    """The prefecture a valid code belongs to (JIS X 0401 order); None for fictional codes."""
    number = int(code[:2])
    return PREFECTURES[number - 1] if 1 <= number <= 47 else None


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
