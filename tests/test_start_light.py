"""Speed-only changes that must not change what is read: printed widths, width folding, and the
stand-in for pydantic's plugin loader used by ``keikaku extract``."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from keikaku.importer.width import fold, fold_for_values, printed_width


def _columns_by_unicodedata(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_printed_width_exact_values() -> None:
    assert printed_width("") == 0
    assert printed_width("No. 12") == 6
    assert printed_width("人口 12") == 7
    assert printed_width("ＡＢ１") == 6  # full-width forms take two columns
    assert printed_width("ｱｲｳ") == 3  # half-width katakana take one
    assert printed_width("\u3000") == 2  # the ideographic space
    assert printed_width("é·") == 2


def test_printed_width_agrees_with_unicodedata_on_every_character() -> None:
    every = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000]
    assert [printed_width(ch) for ch in every] == [_columns_by_unicodedata(ch) for ch in every]
    mixed = "".join(every[::97])
    assert printed_width(mixed) == _columns_by_unicodedata(mixed)


def test_fold_leaves_ascii_and_folds_full_width() -> None:
    plain = "R2.4.1 31.2%"
    assert fold(plain) is plain
    assert fold_for_values(plain) is plain
    assert fold("ＫＰＩ　１２～") == "KPI\u300012~"
    assert fold_for_values("ＫＰＩ　１２～") == "KPI 12～"


_PROBE = """
import sys
from keikaku import pydanticplugins
placed = pydanticplugins.install()
import pydantic
from pydantic.plugin import _loader
class M(pydantic.BaseModel):
    a: int
print(placed, getattr(_loader, "stand_in", False), list(_loader.get_plugins()), M(a=3).a,
      "importlib.metadata" in sys.modules)
"""


def _probe(disabled: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if disabled is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disabled
    return subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True).stdout


def test_stand_in_loader_gives_no_plugins_while_they_are_off() -> None:
    assert _probe("__all__") == "True True [] 3 False\n"


def test_stand_in_loader_hands_over_to_pydantic_when_plugins_are_on() -> None:
    # the stand-in stays registered, asks pydantic's own loader, which scans the installed packages
    assert _probe(None) == "True True [] 3 True\n"


def test_width_functions_refuse_what_is_not_text_as_before() -> None:
    for function in (fold, fold_for_values, printed_width):
        with pytest.raises(TypeError):
            function(None)  # type: ignore[arg-type]
