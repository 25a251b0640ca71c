import pytest

from keikaku.domain.errors import MunicipalityCodeError
from keikaku.domain.municipality import KNOWN_MUNICIPALITIES, check_digit, is_fictional, normalize_code


@pytest.mark.parametrize(
    ("body", "digit"),
    [("13210", 1), ("13211", 0), ("01100", 2), ("13101", 6), ("47201", 8), ("99001", 9)],
)
def test_check_digit(body: str, digit: int) -> None:
    # 札幌市 011002, 千代田区 131016, 那覇市 472018 are published codes.
    assert check_digit(body) == digit


def test_known_municipalities_have_valid_codes() -> None:
    assert [(m.code, m.name) for m in KNOWN_MUNICIPALITIES] == [("132101", "小金井市"), ("132110", "小平市")]
    for m in KNOWN_MUNICIPALITIES:
        assert normalize_code(m.code) == m.code


def test_full_width_digits_are_accepted() -> None:
    assert normalize_code("１３２１０１") == "132101"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("132102", "check digit is 2, expected 1"),
        ("13210", "must be 6 digits"),
        ("1321011", "must be 6 digits"),
        ("13a101", "must be 6 digits"),
        ("482015", "prefecture 48 is not 01-47"),
        ("000000", "prefecture 00 is not 01-47"),
    ],
)
def test_bad_codes(code: str, fragment: str) -> None:
    with pytest.raises(MunicipalityCodeError) as info:
        normalize_code(code)
    assert fragment in str(info.value)


def test_fictional_prefecture() -> None:
    assert normalize_code("990019") == "990019"
    assert is_fictional("990019") and not is_fictional("132101")
