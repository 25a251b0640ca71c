"""Document-level facts: title, municipality, kind, generation, half, status, periods, vision."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from keikaku.domain.enums import PlanHalf, PlanKind, PlanStatus
from keikaku.importer.lexicon import pattern
from keikaku.importer.normalize import Line
from keikaku.importer.values import parse_year

_MUNICIPALITY = re.compile(r"[一-龥々ヶケ]{1,5}[市町村区]")
_TITLE_MUNICIPALITY = pattern("metadata", "title_municipality")
_NOT_NAMES = ("本市", "都市", "各市", "当市", "全市", "他市", "近隣市", "同市", "市町村", "区市町村", "区市", "都区", "地区", "特別区", "市区町村")
_KANJI_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_GENERATION = re.compile(r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(次|期)")
_PLAN_WORD = re.compile(r"(計画|構想|プラン|戦略|ビジョン|方針)")
_TITLE_IN_TEXT = re.compile(r"(?:^|[、。「\s])([^、。「」\s]{2,30}?(?:計画|構想|プラン|戦略|ビジョン))(?:は、|（以下|\(以下)")
_SERIES = re.compile(r"([一-龥々ヶ]{1,5}[市町村])?(第[0-9一二三四五六七八九十]{1,3}次[一-龥]{0,6}?(?:長期総合計画|総合計画))")
_ERA_YEAR = r"(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9]{1,2})|[0-9]{4})"
_SPAN = re.compile(
    rf"(?P<a>{_ERA_YEAR})\s*年?度?\s*(?:から|~|～|〜|-|－|―)\s*(?P<b>(?:(?:明治|大正|昭和|平成|令和)\s*)?(?:元|[0-9]{{1,4}}))\s*年度?(?:まで)?"
)
_LABELLED_SPAN = re.compile(rf"([^\s、。()（）]{{2,14}}?(?:計画|構想|戦略|プラン))\s*[(（]\s*({_SPAN.pattern})\s*[)）]")
_DRAFT = pattern("metadata", "draft_words")


@dataclass(frozen=True)
class PeriodSpan:
    label: str
    start: int
    end: int


@dataclass
class Metadata:
    title: str | None = None
    municipality: str | None = None
    kind: PlanKind | None = None
    generation: int | None = None
    half: PlanHalf | None = None
    status: PlanStatus = PlanStatus.ADOPTED
    status_label: str | None = None  # a draft's printed word (骨子案, 素案 …)
    period: tuple[int, int] | None = None
    phases: list[PeriodSpan] = field(default_factory=list)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if all(ch in _KANJI_NUMBERS for ch in text):
        if "十" in text:
            head, _, tail = text.partition("十")
            return (_KANJI_NUMBERS.get(head, 1) if head else 1) * 10 + (_KANJI_NUMBERS.get(tail, 0) if tail else 0)
        return _KANJI_NUMBERS[text]
    return None


def find_municipality(lines: list[Line]) -> str | None:
    counts: Counter[str] = Counter()
    for line in lines:
        for m in _MUNICIPALITY.finditer(line.key):
            name = m.group(0)
            for prefix in ("東京都", "北海道", "京都府", "大阪府"):
                name = name.removeprefix(prefix)
            if len(name) >= 2 and not any(name.endswith(w) for w in _NOT_NAMES):
                counts[name] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


def span(text: str) -> tuple[int, int] | None:
    m = _SPAN.search(text)
    if not m:
        return None
    start = parse_year(m.group("a") + "年")
    era = re.match(r"(明治|大正|昭和|平成|令和)", m.group("a"))
    end = parse_year(m.group("b") + "年", default_era=era.group(1) if era else None)
    if start and end and start <= end:
        return start, end
    return None


def draft_word(text: str) -> str | None:
    """The first draft word of ``text`` without its brackets, a more specific word before a bare 案."""
    words = [re.sub(r"[()（）]", "", m.group(0)) for m in _DRAFT.finditer(text)]
    return next((w for w in words if w != "案"), words[0] if words else None)


def _kind(title: str) -> PlanKind | None:
    if pattern("metadata", "implementation").search(title):
        return PlanKind.IMPLEMENTATION_PLAN
    if "基本計画" in title and "基本構想" not in title.split("基本計画")[-1]:
        return PlanKind.BASIC_PLAN
    if "基本構想" in title:
        return PlanKind.CONCEPT
    if "総合戦略" in title:
        return PlanKind.STRATEGY
    if "総合計画" in title:
        return PlanKind.COMPREHENSIVE
    if _PLAN_WORD.search(title):
        return PlanKind.SECTORAL
    return None


def _preamble_title(preamble: list[Line]) -> str | None:
    parts: list[str] = []
    for line in preamble[:6]:
        if span(line.key) and not _PLAN_WORD.search(line.key):
            break
        if len(line.key) > 40 or line.key.endswith("。"):
            break
        parts.append(line.text.replace(" ", ""))
        if _PLAN_WORD.search(line.key):
            title = "".join(parts)
            return re.sub(r"について$", "", title)
    return None


def extract_metadata(lines: list[Line], preamble: list[Line], first_chapter: str | None) -> Metadata:
    meta = Metadata(municipality=find_municipality(lines))
    text = "\n".join(line.key for line in lines)
    title = _preamble_title(preamble)
    if title is None:
        m = _TITLE_IN_TEXT.search(text[:3000])
        if m:
            title = m.group(1)
    series = Counter(m.group(0) for m in _SERIES.finditer(text))
    if title is None and series:
        best = max(series, key=lambda s: (len(s), series[s]))
        title = best + (first_chapter if first_chapter and _PLAN_WORD.search(first_chapter) else "")
    elif title is not None and series and not _GENERATION.search(title):
        best = max(series, key=lambda s: (len(s), series[s]))
        if title in ("基本構想", "基本計画"):
            title = best + title
    meta.title = title
    source = title or ""
    in_title = _TITLE_MUNICIPALITY.match(source)
    if in_title:
        meta.municipality = in_title.group(1)
    g = _GENERATION.search(source) or (_GENERATION.search(max(series, key=series.get)) if series else None)
    if g and (n := _number(g.group(1))) is not None and 1 <= n <= 99:
        meta.generation = n  # 第0次 is a misprint or a mangled digit, not a generation
    if "前期" in source:
        meta.half = PlanHalf.FIRST
    elif "後期" in source:
        meta.half = PlanHalf.SECOND
    meta.kind = _kind(source) if source else None
    head = "\n".join(line.key for line in lines[:40])
    if _DRAFT.search(source) or _DRAFT.search(head) or len(_DRAFT.findall(text)) >= 2:
        meta.status = PlanStatus.DRAFT
        meta.status_label = draft_word(source + "\n" + head) or draft_word(text)
    meta.phases, meta.period = _periods(lines, preamble, meta)
    if meta.period is None:
        meta.period = _period_from_horizon(lines)
    return meta


_HORIZON = re.compile(rf"({_ERA_YEAR})\s*(?:{pattern('metadata', 'horizon').pattern})")
_YEARS_SPAN = pattern("metadata", "years_span")


def _period_from_horizon(lines: list[Line]) -> tuple[int, int] | None:
    """A plan that names only its horizon year and its length in years (patterns.toml): both ends."""
    end = length = None
    for line in lines:
        if end is None and (m := _HORIZON.search(line.key)):
            end = parse_year(m.group(1) + "年")
        if length is None and (m := _YEARS_SPAN.search(line.key)):
            length = int(m.group(1) or m.group(2))
        if end is not None and length is not None:
            return end - length + 1, end
    return None


def _periods(lines: list[Line], preamble: list[Line], meta: Metadata) -> tuple[list[PeriodSpan], tuple[int, int] | None]:
    phases: dict[str, PeriodSpan] = {}
    own: tuple[int, int] | None = None
    for line in preamble:
        s = span(line.key)
        if s and len(line.key) <= 30:
            own = s
    for key in _sentences(lines):
        if "年" not in key:
            continue  # no year, no period: most sentences, skipped before the costlier patterns
        for m in _LABELLED_SPAN.finditer(key):
            s = span(m.group(2))
            if s:
                phases.setdefault(m.group(1), PeriodSpan(m.group(1), *s))
        if "期間" not in key:
            continue
        s = span(key)
        if not s:
            continue
        subject = pattern("metadata", "period_subject").match(key)
        if subject:
            label = subject.group(1)
            if pattern("metadata", "self_names").match(label):
                own = own or s
            else:
                phases.setdefault(label, PeriodSpan(label, *s))
        elif re.search(r"本(?:プラン|計画|構想|戦略)", key):
            own = own or s
    if own is None and meta.kind is not None:
        for phase in phases.values():
            if _kind(phase.label) == meta.kind and (meta.half is None or ("前期" in phase.label) == (meta.half == PlanHalf.FIRST)):
                own = (phase.start, phase.end)
                break
    return list(phases.values()), own


def _sentences(lines: list[Line]) -> list[str]:
    """Running text cut at 。, so a sentence broken over lines reads whole."""
    out: list[str] = []
    current: list[str] = []  # pieces, joined once: linear however long a sentence runs
    for line in lines:
        current.append(line.key)
        if line.key.endswith("。") or len(line.key) < 12:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


VISION_STOP = re.compile(r"意見|記述|予定|検討|設定|踏まえ|について")


def find_vision(lines: list[Line]) -> str | None:
    """The vision: the first short line of a 将来像 block that is not a sentence."""
    for line in lines[:3]:
        key = line.key
        if key.endswith("。") or key.startswith(("(", "・", "-")) or len(key) > 40 or VISION_STOP.search(key):
            continue
        return line.text
    return None
