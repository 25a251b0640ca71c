"""Years printed in both calendars at once, read as one year.

Plans often print a year twice, the western year with its era year in brackets or the other way
round: ``2023(R5)年度``, ``2029（令和11）年度``, ``令和５(2023)年度``, ``2019(H31)年``. Where the two
agree, the line keeps the western year alone (``2023年度``), which every later stage already reads as
a column's or a figure's year. Two years that do not agree are left as printed.
"""

from __future__ import annotations

import re
import unicodedata

from keikaku.domain.fiscal import fiscal_year_named

_ERA = r"令和|平成|昭和|[RHSＲＨＳ]"
_WEST = r"(?:19|20|１９|２０)[0-9０-９]{2}"
_NUMBER = r"[0-9０-９]{1,2}|元"
# 2023(R5)年度: the western year first, its era year in brackets, then 年 or 年度
_WEST_FIRST = re.compile(rf"(?P<west>{_WEST})\s*[(（]\s*(?P<era>(?:{_ERA})\s*(?:{_NUMBER}))\s*[)）]\s*(?=年)")
# 令和5(2023)年度: the era year first, the western one in brackets
_ERA_FIRST = re.compile(rf"(?P<era>(?:{_ERA})\s*(?:{_NUMBER}))\s*[(（]\s*(?P<west>{_WEST})\s*[)）]\s*(?=年)")


def _one(m: re.Match[str]) -> str:
    west = int(unicodedata.normalize("NFKC", m.group("west")))
    era = fiscal_year_named(m.group("era").replace(" ", ""))
    return str(west) if era == west else m.group(0)


def one_calendar(text: str) -> str:
    """``text`` with every agreeing pair of calendars (``2023(R5)年度``) written once (``2023年度``)."""
    if "(" not in text and "（" not in text:
        return text
    return _ERA_FIRST.sub(_one, _WEST_FIRST.sub(_one, text))
