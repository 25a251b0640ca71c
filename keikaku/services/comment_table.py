"""The public table of opinions on a draft and the city's answers (意見と市の考え方), after the period.

One context (``CommentTable``) renders the page ``/plans/{id}/comments``, its JSON twin, the CSV
(UTF-8 with BOM, CRLF line ends, as the open-data export) and the PDF. It is built from staff's
summaries and answers only: an opinion's text as sent, its receipt and anything about its sender
never enter it. Until the period has ended it holds the period and its notice but no row; an
opinion staff have not summarised yet is counted once, as ``pending`` (要旨作成中), neither listed
nor counted under a theme.

Rows follow the themes in staff's order (opinions without a theme last, under その他); a group of
opinions of the same purport is one row with its count. A row is on one item of the draft, on the
whole plan (計画全体), or, for a group whose opinions are on different items, on several items
(``several_items``; 複数の項目).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from keikaku.domain.comments import SOURCE_WORDS, PeriodState, Source
from keikaku.domain.errors import NotFoundError
from keikaku.services.comment_answers import final_revision
from keikaku.services.comments import period_info
from keikaku.services.cycle_common import label_of
from keikaku.services.exports.cells import csv_text
from keikaku.storage import comment_store as store
from keikaku.storage.database import transaction

CSV_COLUMNS = ("number", "theme", "source", "node", "opinions", "summary", "answer", "plan_changed", "changed_node",
               "changed_node_url")


@dataclass(frozen=True)
class TableRow:
    """One line of the table: an opinion, or a group of opinions of the same purport."""

    number: int
    sources: tuple[str, ...]  # citizen, council
    node: str | None  # the node of the draft the opinion is on (None: the whole plan)
    node_url: str | None
    opinions: int
    summary: str
    answer: str | None
    plan_changed: bool | None
    changed_node: str | None  # the node changed, in the final revision
    changed_node_url: str | None
    several_items: bool = False  # a group whose opinions are on different items (node is None)


@dataclass(frozen=True)
class TableTheme:
    name: str | None  # None: opinions staff put under no theme (その他)
    count: int  # opinions listed under it (the pending ones are counted apart)
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class CommentTable:
    plan_id: int
    plan_title: str
    plan_status_word: str
    plan_status_word_en: str  # outline draft, preliminary draft or draft
    fictional: bool
    start: date
    end: date
    notice: str
    state: str  # before, open, after
    published: bool  # the period has ended: the rows are public
    total: int  # opinions received (0 until published)
    by_source: dict[str, int]
    pending: int  # received but not summarised yet (not listed)
    themes: tuple[TableTheme, ...] = field(default_factory=tuple)
    final_title: str | None = None
    final_url: str | None = None

    @property
    def rows(self) -> list[tuple[str | None, TableRow]]:
        return [(t.name, r) for t in self.themes for r in t.rows]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        return data


def comment_table(engine: Engine, plan_id: int, *, today: date | None = None) -> CommentTable:
    """The table of a draft's opinions as the public may see it; NotFoundError without a period."""
    with transaction(engine) as session:
        period = store.period_of_plan(session, plan_id)
        if period is None:
            raise NotFoundError(f"plan {plan_id} has no comment period")
        info = period_info(session, period, today=today)
        base = dict(plan_id=info.plan_id, plan_title=info.plan_title, plan_status_word=info.plan_status_word,
                    plan_status_word_en=info.plan_status_word_en,
                    fictional=info.fictional, start=info.start, end=info.end, notice=info.notice, state=info.state.value)
        if info.state is not PeriodState.AFTER:
            return CommentTable(**base, published=False, total=0, by_source={}, pending=0)
        nodes = {n.key: n for n in store.plan_nodes(session, plan_id)}
        final = final_revision(session, plan_id)
        opinions = store.opinions_of(session, period.id)
        groups = {g.id: g for g in store.groups_of(session, period.id)}
        themes = list(store.themes_of(session, period.id))
        by_source = {s.value: sum(1 for o in opinions if o.source == s.value) for s in Source}

        units: list[tuple[int | None, list[Any], Any]] = []  # (theme, members, the row holding the answer)
        seen: set[int] = set()
        for o in opinions:
            if o.group_id is not None and o.group_id in groups:
                if o.group_id in seen:
                    continue
                seen.add(o.group_id)
                group = groups[o.group_id]
                units.append((group.theme_id, [x for x in opinions if x.group_id == group.id], group))
            else:
                units.append((o.theme_id, [o], o))
        pending = sum(len(members) for _, members, holder in units if not holder.summary)
        number = 0
        out: list[TableTheme] = []
        for theme_id, name in [*((t.id, t.name) for t in themes), (None, None)]:
            mine = [(members, holder) for tid, members, holder in units
                    if tid == theme_id or (theme_id is None and tid not in {t.id for t in themes})]
            count = 0
            rows = []
            for members, holder in mine:
                if not holder.summary:
                    continue
                number += 1
                count += len(members)
                node_keys = list(dict.fromkeys(m.node_key for m in members))
                node = nodes.get(node_keys[0]) if len(node_keys) == 1 and node_keys[0] else None
                changed = final.node(holder.changed_node_key) if final else None
                rows.append(TableRow(
                    number, tuple(s.value for s in Source if any(m.source == s.value for m in members)),
                    label_of(node) if node else None, f"/nodes/{node.id}" if node else None, len(members),
                    holder.summary, holder.answer, holder.plan_changed, changed.label if changed else None,
                    f"/nodes/{changed.id}" if changed else None, len(node_keys) > 1))
            if count:
                out.append(TableTheme(name, count, tuple(rows)))
        return CommentTable(**base, published=True, total=len(opinions), by_source=by_source, pending=pending,
                            themes=tuple(out), final_title=final.title if final else None,
                            final_url=f"/plans/{final.plan_id}" if final else None)


def published_table(engine: Engine, plan_id: int, *, today: date | None = None) -> CommentTable:
    """The table once the period has ended; NotFoundError before (the downloads exist only then)."""
    table = comment_table(engine, plan_id, today=today)
    if not table.published:
        raise NotFoundError(f"the opinions on plan {plan_id} are published when the period ends ({table.end})")
    return table


def source_words(sources: tuple[str, ...], lang: str = "ja") -> str:
    index = 1 if lang == "en" else 0
    return "・".join(SOURCE_WORDS[Source(s)][index] for s in sources)


def node_word(row: TableRow, lang: str = "ja") -> str:
    """What a row is on, in words: its item, 計画全体 (the whole plan) or 複数の項目 (several items)."""
    if row.node:
        return row.node
    if row.several_items:
        return "several items" if lang == "en" else "複数の項目"
    return "the whole plan" if lang == "en" else "計画全体"


def changed_word(value: bool | None, lang: str = "ja") -> str:
    if value is None:
        return "—"
    return ("Yes" if value else "No") if lang == "en" else ("有" if value else "無")


def render_csv(table: CommentTable, *, site_url: str = "") -> bytes:
    """A row per line of the table (CSV_COLUMNS); UTF-8 with BOM and CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)  # CRLF line ends
    writer.writerow(CSV_COLUMNS)
    for theme, row in table.rows:
        writer.writerow([
            row.number, csv_text(theme or "その他"), source_words(row.sources), csv_text(node_word(row)),
            row.opinions, csv_text(row.summary), csv_text(row.answer or ""),
            "" if row.plan_changed is None else ("yes" if row.plan_changed else "no"), csv_text(row.changed_node or ""),
            f"{site_url}{row.changed_node_url}" if row.changed_node_url else ""])
    return out.getvalue().encode("utf-8-sig")


PDF_TEMPLATE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ tb.plan_title }} 意見と市の考え方</title><style>{{ css }}</style></head><body>
<h1>{{ tb.plan_title }}{% if tb.fictional %}（架空）{% endif %}</h1>
<p class="lead">{{ tb.plan_status_word }}に対する意見と市の考え方</p>
<p class="meta">意見募集期間: {{ day(tb.start) }}〜{{ day(tb.end) }}　意見の数: {{ tb.total }}件（市民 {{ tb.by_source.get("citizen", 0) }}件・議会 {{ tb.by_source.get("council", 0) }}件）</p>

<table class="counts"><thead><tr><th>分野</th><th>意見の数</th></tr></thead><tbody>
{% for th in tb.themes %}<tr><td>{{ th.name or "その他" }}</td><td class="num">{{ th.count }}</td></tr>{% endfor %}
{% if tb.pending %}<tr><td>要旨作成中</td><td class="num">{{ tb.pending }}</td></tr>{% endif %}
</tbody></table>
{% for th in tb.themes %}{% if th.rows %}
<h2>{{ th.name or "その他" }}（{{ th.count }}件）</h2>
<table><thead><tr><th class="no">No.</th><th>意見の要旨</th><th>市の考え方</th><th class="chg">計画への反映</th></tr></thead><tbody>
{% for r in th.rows %}<tr><td class="no">{{ r.number }}</td>
<td><p class="path">{{ node(r) }}</p>{{ r.summary }}{% if r.opinions > 1 %}<p class="path">同趣旨の意見 {{ r.opinions }}件</p>{% endif %}<p class="path">{{ sources(r.sources) }}</p></td>
<td>{{ r.answer or "" }}</td><td class="chg">{{ changed(r.plan_changed) }}{% if r.changed_node %}<br>{{ r.changed_node }}{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% endif %}{% endfor %}
</body></html>
"""


PDF_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "IPAGothic", sans-serif; font-size: 9pt; line-height: 1.5; color: #222; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1.2pt solid #1f4e99; padding-bottom: 1mm; }
.lead { font-size: 12pt; margin: 0 0 4mm; }
.meta { margin: 0 0 2mm; color: #333; }
.path { color: #555; font-size: 7.5pt; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 8.5pt; }
th, td { border: 0.5pt solid #999; padding: 1mm 1.4mm; vertical-align: top; }
th { background: #dde4ee; font-weight: bold; text-align: center; }
tr { break-inside: avoid; }
td.no, th.no { width: 8mm; text-align: right; } td.chg, th.chg { width: 24mm; } td.num { text-align: right; }
table.counts { width: auto; }
"""


def render_pdf(table: CommentTable) -> bytes:
    """The table as an A4 PDF in Japanese (WeasyPrint, as the year's report)."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup
    from weasyprint import HTML

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    html = env.from_string(PDF_TEMPLATE).render(tb=table, css=Markup(PDF_CSS), day=lambda d: f"{d.year}年{d.month}月{d.day}日",
                                                sources=source_words, changed=changed_word, node=node_word)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The table needs no file or network resource; refuse any its text might name."""
    raise ValueError(f"the table fetches no resources ({url[:60]})")
