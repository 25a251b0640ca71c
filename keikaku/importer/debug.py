"""``--debug DIR``: every stage's own output, the report, and a page of every figure beside its source.

Files for a document ``NAME.EXT``:

- ``NAME.1-read.txt``: the reader's lines with their sources (cells joined by `` | ``)
- ``NAME.2-normalise.txt``: the normalised lines
- ``NAME.3-segment.txt``: the blocks with their kinds; grids shown row by row
- ``NAME.4-tables.json``: each table region with its header lines and the rows its parser read,
  before the plan is built
- ``NAME.5-plan.json``: the plan file
- ``NAME.report.json``: the extraction report (``report.py``)
- ``NAME.html``: a self-contained page showing, for each indicator, what was read (name, unit,
  baseline, target, actuals with their ``origin``) beside the source text around it
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from keikaku.domain import planfile as pf
from keikaku.importer.grid import indicator_rows
from keikaku.importer.lexicon import fold_key
from keikaku.importer.records import Grid, RawDocument
from keikaku.importer.report import location, node_label
from keikaku.importer.segment import Block
from keikaku.importer.indicators import read_indicator_table
from keikaku.importer.registry import parse_registry
from keikaku.importer.schedules import parse_project_table
from keikaku.importer.values import find_era

if TYPE_CHECKING:
    from keikaku.importer.pipeline import Extraction

CONTEXT = 2  # lines with text shown before and after the line a figure was read from
_LINE_LABEL = re.compile(r"\bline (\d+)\b")
_CELL_LABEL = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]{1,3})(?P<row>[0-9]+)(?::[A-Z]{1,3}(?P<end>[0-9]+))?$")
_PAGE_LABEL = re.compile(r"^p\.(\d+)\b")
DIRECTION_JA = {"increase": "増加", "decrease": "減少", "maintain": "維持", "qualitative": "定性"}


def write_debug(extraction: Extraction, directory: Path) -> list[Path]:
    """Write the debug files of one extraction into ``directory``; returns the paths written."""
    raw, blocks, plan = extraction.raw, extraction.blocks, extraction.plan
    directory.mkdir(parents=True, exist_ok=True)
    stem = Path(raw.name).stem
    written: list[Path] = []

    def put(name: str, text: str) -> None:
        path = directory / f"{stem}.{name}"
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        written.append(path)

    put("1-read.txt", read_text(raw))
    put("2-normalise.txt", "\n".join(f"{line.index:5} {location(line, line.index):24} {line.text}"
                                     for line in extraction.lines))
    put("3-segment.txt", segment_text(blocks))
    put("4-tables.json", json.dumps(table_rows(blocks), ensure_ascii=False, indent=2, default=_jsonable))
    put("5-plan.json", plan.to_json())
    put("report.json", extraction.report.to_json())
    path = directory / f"{stem}.html"
    path.write_text(render_page(build_page(raw, plan, extraction.report.warnings)), encoding="utf-8")
    written.append(path)
    return written


# --- stage files ----------------------------------------------------------------------------

def _grid_rows(grid: Grid, indent: str) -> list[str]:
    return [f"{indent}| {' | '.join(row)} |" for row in grid.row_texts()]


def read_text(raw: RawDocument) -> str:
    out = [f"# {raw.name} ({raw.format}{', ' + raw.encoding if raw.encoding else ''}"
           f"{f', {raw.pages} pages' if raw.pages else ''}): {len(raw.lines)} lines"]
    for i, line in enumerate(raw.lines):
        text = " | ".join(line.cells) if line.cells else line.text
        out.append(f"{i:5} {location(line, i):24} {text}")
        if line.grid is not None:
            out.append(f"      [grid {line.grid.rows}×{line.grid.cols}]")
            out += _grid_rows(line.grid, "      ")
    return "\n".join(out)


def segment_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        h = block.heading
        if block.table:
            where = location(block.line, block.line.index) if block.line is not None else "?"
            out.append(f"[table: {block.table}] at {where}")
            if block.grid is not None:
                out += _grid_rows(block.grid, "    ")
                continue
        elif h is not None:
            out.append(f"[{h.kind}/{h.style}] level={h.level} number={h.number} title={h.title}"
                       f"{' name=' + h.name if h.name else ''}{' subtitle=' + h.subtitle if h.subtitle else ''}"
                       f"{' fields=' + '、'.join(h.fields) if h.fields else ''}")
        else:
            out.append("[text]")
        out += [f"    {line.index:5} {line.text}" for line in block.body]
    return "\n".join(out)


def _jsonable(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def table_rows(blocks: list[Block]) -> list[dict[str, object]]:
    """Each table region and the rows its parser reads from it, before the plan is built.

    The fiscal-year era a bare ``28年度`` falls back on is followed through the document as the
    build stage follows it (the last era named above the table).
    """
    era: str | None = None
    out: list[dict[str, object]] = []
    for block in blocks:
        if not block.table:
            for line in block.body:
                era = find_era(line.key) or era
            continue
        era = next((e for ln in block.body[:4] if (e := find_era(ln.key))), era)
        rows: list[object]
        reading = "grid"
        if block.grid is not None:
            rows = list(indicator_rows(block.grid, default_era=era))
        elif block.table == "indicators":
            parsed, found, reading = read_indicator_table(block.body, default_era=era)
            rows, era = list(parsed), found or era
        elif block.table == "projects":
            rows = list(parse_project_table(block.body, default_era=era))
        else:
            rows = list(parse_registry(block.body))
        first = block.body[0] if block.body else block.line
        out.append({
            "kind": block.table,
            "reading": reading if block.table == "indicators" else None,
            "location": location(first, first.index) if first is not None else None,
            "lines": [line.text for line in block.body[:4]] if block.grid is None else None,
            "grid": [list(r) for r in block.grid.row_texts()] if block.grid is not None else None,
            "rows": rows,
        })
    return out


# --- the page -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based position among the reader's lines
    where: str  # the line's source label
    text: str
    marked: bool  # the line a figure was read from


@dataclass(frozen=True)
class Excerpt:
    """Source lines around an origin; ``guessed`` when found by the indicator's name, not its origin."""

    origin: str | None
    lines: list[SourceLine]
    guessed: bool = False


@dataclass(frozen=True)
class FigureView:
    label: str  # 基準値, 目標値, 中間目標, 実績値
    year: int | None
    value: str
    text: str
    origin: str | None


@dataclass(frozen=True)
class IndicatorView:
    anchor: str
    name: str
    node: str | None
    unit: str | None
    direction: str | None
    origin: str | None
    figures: list[FigureView]
    excerpts: list[Excerpt]


@dataclass(frozen=True)
class DebugPage:
    """The context of ``<stem>.html``."""

    source: str
    format: str
    title: str
    warnings: list[str]
    counts: list[tuple[str, int]]
    indicators: list[IndicatorView]


WARNING_JA = {"no_tree": "体系（ノード）を読み取れませんでした", "no_indicators": "指標を読み取れませんでした"}


class SourceIndex:
    """Finds the reader's lines an ``origin`` label names."""

    def __init__(self, raw: RawDocument):
        self.raw = raw
        self.by_label: dict[str, list[int]] = {}
        for i, line in enumerate(raw.lines):
            self.by_label.setdefault(location(line, i), []).append(i)
            if line.grid is not None:
                for cell in line.grid.cells:
                    if cell.source is not None:
                        self.by_label.setdefault(cell.source.label(), []).append(min(i + cell.row, len(raw.lines) - 1))
        self.folded = [fold_key(" ".join(line.cells) if line.cells else line.text) for line in raw.lines]

    def lines_of(self, origin: str) -> list[int]:
        if origin in self.by_label:
            return self.by_label[origin]
        if m := _LINE_LABEL.search(origin):
            k = int(m.group(1)) - 1
            return [k] if 0 <= k < len(self.raw.lines) else []
        if m := _CELL_LABEL.match(origin):
            row = int(m.group("row"))
            for label, found in self.by_label.items():
                c = _CELL_LABEL.match(label)
                if c and c.group("sheet") == m.group("sheet") and int(c.group("row")) <= row <= int(c.group("end") or c.group("row")):
                    return found
        if m := _PAGE_LABEL.match(origin):
            return [i for i, line in enumerate(self.raw.lines) if line.page == int(m.group(1))]
        return []

    def find(self, text: str | None) -> int | None:
        key = fold_key(text or "")
        if len(key) < 2:
            return None
        return next((i for i, folded in enumerate(self.folded) if key in folded), None)

    def excerpt(self, origin: str | None, hint: str | None) -> Excerpt | None:
        """The lines around ``origin`` (the one holding ``hint`` when the origin names several)."""
        if origin:
            candidates = self.lines_of(origin)
            if not candidates:
                return Excerpt(origin, [])
            key = fold_key(hint or "")
            centre = next((i for i in candidates if key and key in self.folded[i]), candidates[0])
            return Excerpt(origin, self._window(centre))
        centre = self.find(hint)
        return None if centre is None else Excerpt(None, self._window(centre), guessed=True)

    def _window(self, centre: int) -> list[SourceLine]:
        """The line at ``centre`` with ``CONTEXT`` lines that hold text before and after it."""
        lines = self.raw.lines
        before = [i for i in range(centre - 1, -1, -1) if self.folded[i]][:CONTEXT]
        after = [i for i in range(centre + 1, len(lines)) if self.folded[i]][:CONTEXT]
        out = []
        for i in [*reversed(before), centre, *after]:
            line = lines[i]
            out.append(SourceLine(i + 1, location(line, i), " | ".join(line.cells) if line.cells else line.text, i == centre))
        return out


def _figure(label: str, v: pf.Value | pf.Actual) -> FigureView:
    value = "" if v.value is None else f"{v.value:,}" if isinstance(v.value, int) else f"{v.value:,.10g}"
    return FigureView(label, v.year, value, v.text or "", v.origin)


def build_page(raw: RawDocument, plan: pf.PlanDocument, warnings: list[str]) -> DebugPage:
    index = SourceIndex(raw)
    labels = {n.id: node_label(n) for n in plan.nodes}
    views = []
    for k, ind in enumerate(plan.indicators):
        figures = ([_figure("基準値", ind.baseline)] if ind.baseline else []) + \
            [_figure("中間目標", v) for v in ind.interim_targets] + \
            ([_figure("目標値", ind.target)] if ind.target else []) + [_figure("実績値", a) for a in ind.actuals]
        excerpts: list[Excerpt] = []
        seen: set[str] = set()
        for origin, hint in [(ind.origin, ind.name), *((f.origin, f.text or ind.name) for f in figures)]:
            if origin and origin not in seen:
                seen.add(origin)
                if (found := index.excerpt(origin, hint)) is not None:
                    excerpts.append(found)
        if not excerpts and (found := index.excerpt(None, ind.name)) is not None:
            excerpts.append(found)
        views.append(IndicatorView(
            anchor=f"i{k + 1}", name=ind.name, node=labels.get(ind.node) if ind.node else None, unit=ind.unit,
            direction=DIRECTION_JA.get(ind.direction or "", ind.direction), origin=ind.origin,
            figures=figures, excerpts=excerpts,
        ))
    counts = [("ノード", len(plan.nodes)), ("指標", len(plan.indicators)), ("主な事業", len(plan.projects)),
              ("主な取組", len(plan.actions)), ("個別計画", len(plan.individual_plans))]
    return DebugPage(source=raw.name, format=raw.format, title=plan.title, warnings=[WARNING_JA.get(w, w) for w in warnings],
                     counts=counts, indicators=views)


PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>読み取り結果: {{ page.source }}</title>
<style>
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 1.5rem; color: #1a1a1a; background: #fff; line-height: 1.6; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin: 0 0 .5rem; } h3 { font-size: 1rem; margin: .5rem 0; }
table { border-collapse: collapse; margin: .25rem 0 .75rem; }
th, td { border: 1px solid #767676; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
.indicator { border-top: 2px solid #3a5a80; padding: .75rem 0; }
.pair { display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(18rem, 1fr); gap: 1.5rem; }
@media (max-width: 50rem) { .pair { grid-template-columns: 1fr; } }
.source td.text { font-family: ui-monospace, "Noto Sans Mono CJK JP", monospace; white-space: pre-wrap; }
.source tr.marked td { background: #fff3b0; font-weight: bold; }
.muted { color: #4d4d4d; }
.warning { color: #8a1c1c; font-weight: bold; }
code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<header>
<h1>読み取り結果: {{ page.source }}</h1>
<p>計画名: {{ page.title }}（形式: {{ page.format }}）</p>
{% if page.warnings %}<ul>{% for w in page.warnings %}<li class="warning">{{ w }}</li>{% endfor %}</ul>{% endif %}
<table>
<caption>読み取った件数</caption>
<thead><tr><th scope="col">種類</th><th scope="col">件数</th></tr></thead>
<tbody>{% for name, n in page.counts %}<tr><th scope="row">{{ name }}</th><td>{{ n }}</td></tr>{% endfor %}</tbody>
</table>
{% if page.indicators %}<nav aria-label="指標の一覧"><ol>{% for ind in page.indicators %}<li><a href="#{{ ind.anchor }}">{{ ind.name }}</a></li>{% endfor %}</ol></nav>{% endif %}
</header>
<main>
{% for ind in page.indicators %}
<section class="indicator" id="{{ ind.anchor }}" aria-labelledby="{{ ind.anchor }}-h">
<h2 id="{{ ind.anchor }}-h">{{ ind.name }}</h2>
<p class="muted">{% if ind.node %}{{ ind.node }}{% else %}計画全体の指標{% endif %}
 ・単位: {{ ind.unit or "なし" }} ・方向: {{ ind.direction or "不明" }}{% if ind.origin %} ・出典位置: <code>{{ ind.origin }}</code>{% endif %}</p>
<div class="pair">
<div>
<h3>読み取った値</h3>
{% if ind.figures %}
<table>
<caption class="muted">{{ ind.name }} の値</caption>
<thead><tr><th scope="col">種別</th><th scope="col">年度</th><th scope="col">値</th><th scope="col">表記</th><th scope="col">出典位置</th></tr></thead>
<tbody>
{% for f in ind.figures %}<tr><th scope="row">{{ f.label }}</th><td>{{ f.year or "—" }}</td><td>{{ f.value or "—" }}</td><td>{{ f.text or "—" }}</td><td>{% if f.origin %}<code>{{ f.origin }}</code>{% else %}—{% endif %}</td></tr>
{% endfor %}</tbody>
</table>
{% else %}<p class="warning">値を読み取れませんでした。</p>{% endif %}
</div>
<div>
<h3>原文</h3>
{% for ex in ind.excerpts %}
<table class="source">
<caption class="muted">{% if ex.origin %}出典位置 <code>{{ ex.origin }}</code> の前後{% elif ex.guessed %}指標名から探した行の前後（出典位置なし）{% endif %}</caption>
<thead><tr><th scope="col">行</th><th scope="col">位置</th><th scope="col">本文</th></tr></thead>
<tbody>
{% for line in ex.lines %}<tr{% if line.marked %} class="marked"{% endif %}><th scope="row">{{ line.number }}</th><td>{{ line.where }}</td><td class="text">{% if line.marked %}<span class="muted">▶ </span>{% endif %}{{ line.text }}</td></tr>
{% else %}<tr><td colspan="3">この位置の行は見つかりませんでした。</td></tr>
{% endfor %}</tbody>
</table>
{% else %}<p class="muted">出典位置がなく、原文の行も見つかりませんでした。</p>
{% endfor %}
</div>
</div>
</section>
{% else %}
<p class="warning">指標はありません。</p>
{% endfor %}
</main>
</body>
</html>
"""


def render_page(page: DebugPage) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
    return env.from_string(PAGE).render(page=page)
