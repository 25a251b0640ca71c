"""Stage 6, build: walk the blocks, keep the open nodes on a stack, and assemble the plan file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from keikaku.domain import planfile as pf
from keikaku.domain.enums import PlanKind
from keikaku.domain.figures import is_storable
from keikaku.importer import metadata as md
from keikaku.importer.announced import announced_rows
from keikaku.importer.appendix import without_appendix_figures
from keikaku.importer.arrowitems import arrow_item_rows
from keikaku.importer.grid import indicator_rows
from keikaku.importer.datedbase import dated_base_rows
from keikaku.importer.titledyear import dated_table
from keikaku.importer.headeritems import header_item_rows
from keikaku.importer.goalsentence import STATUS_WORDS, goal_of, with_goal
from keikaku.importer.periodrows import period_rows
from keikaku.importer.unitnote import header_unit, unit_note
from keikaku.importer.statedyears import stated_years
from keikaku.importer.indicators import read_indicator_table
from keikaku.importer.labelled import labelled_rows
from keikaku.importer.lexicon import pattern, structure
from keikaku.importer.moneytables import without_money_rows
from keikaku.importer.normalize import Line, make_line, origin_of
from keikaku.importer.placing import placed
from keikaku.importer.provenance import first_places, traced
from keikaku.importer.titledgroup import titled_group_rows
from keikaku.importer.wholedoc import whole_document_rows
from keikaku.importer.width import fold
from keikaku.importer.registry import RegistryRow, parse_registry
from keikaku.importer.schedules import ProjectRow, parse_project_table
from keikaku.importer.sieve import sifted
from keikaku.importer.solegoal import sole_goal
from keikaku.importer.segment import LEVEL_WORDS, Block, Heading, classify
from keikaku.importer.tables import (
    IndicatorRow,
    completeness,
    parse_dated_pairs,
    parse_listed_items,
    set_name_of,
)
from keikaku.importer.text import BULLET, ActionDraft, flow, parse_actions, parse_roles
from keikaku.importer.values import Quantity, find_era

ACTION_SECTIONS = structure().action_sections
UNNAMED_LEVELS = structure().unnamed_levels
CHART_LEVEL = structure().chart_item_level
ADDRESSED = re.compile(rf"^[(]\s*({structure().level_pattern()})\s*([0-9]{{1,3}}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{{1,4}})\s*の[^()]*[)]$")
CHART_BULLETS = tuple(structure().chart_bullets)
NOTE_REACH = 3  # raw lines from a unit note (（単位：人）) to the first line of the table under it
LIST_HEADINGS = pattern("build", "list_headings")
OVERVIEW_CHAPTER = pattern("plantree", "overview_chapter")  # 第1章 計画の概要: a chapter mark introducing the plan
DOC_WORDS = re.compile(r"体系|構成|概要|目的|期間|位置づけ|一覧|評価|関係|推進|策定|取組|計画の|現状|課題|見方|読み方")
LEVEL_LIST = re.compile(rf"^({'|'.join(sorted(LEVEL_WORDS, key=len, reverse=True))})の(?:取組方針|方針|一覧|概要|体系|内容と方向)$")
COUNTED_WORD = re.compile(r"[0-9０-９一二三四五六七八九十]\s*つの([^\s・、]{1,8})$")
EXISTING = pattern("build", "existing")
GOAL = pattern("build", "goal")
ATTITUDE_SECTIONS = pattern("build", "attitude_sections")
GOAL_LIST_SECTIONS = pattern("build", "goal_list_sections")
SDG_COUNT = 17  # the Sustainable Development Goals are numbered 1 to 17
NAMED_LIST_CHAPTER = re.compile(r"(方針|プロジェクト|戦略)$")  # a chapter whose title names the level of what it lists
NAMED_AS = pattern("build", "named_as")
BRACKETED = re.compile(r"【([^】]{4,60})】")
MENTIONED_INDICATOR = re.compile(r"指標「([^」]{2,60})」")
LIST_ITEM = re.compile(r"^([0-9]{1,2})[)）]\s*(\S.*)$")


@dataclass
class NodeDraft:
    id: str
    parent: NodeDraft | None
    level: str
    number: str | None
    title: str
    style: str
    name: str | None = None
    subtitle: str | None = None
    fields: list[str] = field(default_factory=list)
    sections: list[pf.Section] = field(default_factory=list)
    origin: str | None = None


@dataclass
class TextDraft:
    """Lines collecting under a heading until the next one."""

    owner: NodeDraft | None
    heading: str | None
    kind: str  # node_body, section, chapter, attitude, actor, policy_list, discard
    chapter_seq: int
    lines: list[Line] = field(default_factory=list)
    action_style: str | None = None  # how a section of actions numbers them: "paren" (1) or "circled" ①


class Builder:
    def __init__(self, *, default_era: str | None = None):
        self.nodes: list[NodeDraft] = []
        self.stack: list[NodeDraft] = []
        self.era = default_era
        self.chapter: Heading | None = None
        self.chapter_seq = 0
        self.chapter_titles: dict[int, str] = {}
        self.chapter_nodes = 0
        self.last_named: str | None = None
        self.current = TextDraft(None, None, "chapter", 0)
        self.finished: list[TextDraft] = []
        self.plan_sections: list[tuple[TextDraft, pf.Section]] = []
        self.indicators: list[tuple[NodeDraft | None, IndicatorRow]] = []
        self.projects: list[tuple[NodeDraft, ProjectRow]] = []
        self.actions: list[tuple[NodeDraft, ActionDraft]] = []
        self.roles: list[pf.ActorRole] = []
        self.registry: list[RegistryRow] = []
        self.vision: str | None = None
        self.at: str | None = None  # where the block being read came from
        self.title_tail: str | None = None  # the full title of a node just met again under a shorter heading
        self.tables_read: set[int] = set()  # the lines of table regions from which complete rows were read
        self.unit_over: tuple[str | None, int] = (None, 0)  # a unit note ending a table's block, and its line
        self.spots: list[tuple[int, NodeDraft | None]] = []  # (a heading's line, the owner from there on)
        self.last_section: tuple[str, NodeDraft | None] | None = None  # (style, owner) of the last section opened
        self.last_chapter: tuple[str, str | None, str] | None = None  # (style, number, title) of the last chapter

    # --- nodes ------------------------------------------------------------------------------
    def _new_id(self, parent: NodeDraft | None, number: str | None, level: str) -> str:
        if number is None:
            number = f"{level}{sum(1 for n in self.nodes if n.parent is parent and n.level == level) + 1}"
        base = (f"{parent.id}." if parent else "") + number
        if len(base) > pf.NODE_ID_CHARS - 10:  # a deep tree of long numbers: an id that fits the plan file
            base = f"{level[:20]}{len(self.nodes) + 1}"
        taken = {n.id for n in self.nodes}
        candidate, k = base, 2
        while candidate in taken:
            candidate, k = f"{base}~{k}", k + 1
        return candidate

    def add_node(self, parent: NodeDraft | None, level: str, title: str, *, number: str | None = None,
                 style: str = "word", name: str | None = None, subtitle: str | None = None,
                 fields: tuple[str, ...] | list[str] = ()) -> NodeDraft:
        for node in self.nodes:
            same_number = number is not None and node.number == number
            same_title = number is None and node.title == title
            if node.parent is parent and node.level == level and (same_number or same_title):
                return node
        node = NodeDraft(self._new_id(parent, number, level), parent, level, number, title, style, name, subtitle, list(fields),
                         origin=self.at)
        self.nodes.append(node)
        self.chapter_nodes += 1
        return node

    def is_action_item(self, h: Heading) -> bool:
        """A (1)- or ①-numbered line inside a section of actions (主な取組) is an action, not a heading.

        The section's first numbered line sets the actions' numbering; a line numbered otherwise
        (the next measure's (2) after actions ① ②) is a heading again.
        """
        draft = self.current
        if h.style not in ("paren", "circled") or draft.kind != "section" or (draft.heading or "") not in ACTION_SECTIONS:
            return False
        draft.action_style = draft.action_style or h.style
        return h.style == draft.action_style

    def is_listed_goal(self, h: Heading) -> bool:
        """A line numbered 1 to 17 inside a section listing the SDGs a measure serves (3 すべての人に…,
        目標3 …) is one of the goals; a heading numbered otherwise ((2) …, 施策1-2) still opens its node."""
        draft = self.current
        if draft.kind != "section" or not GOAL_LIST_SECTIONS.search(draft.heading or ""):
            return False
        if not (h.number or "").isdigit() or not 1 <= int(h.number or 0) <= SDG_COUNT:
            return False
        return (h.kind, h.style) == ("chapter", "numbered") or (h.style == "word" and h.level in ("目標", "ゴール"))

    def _level_for(self, h: Heading) -> str:
        if h.level:
            return h.level
        if h.style == "dashed":
            return next((n.level for n in reversed(self.stack) if n.style == "word"), "施策")
        if h.style == "letter" and self.last_named:
            word = re.split(r"に関する|の|する", self.last_named)[-1]
            if word:
                return word
        for depth in sorted(self.chapter_titles, reverse=True):
            m = COUNTED_WORD.search(self.chapter_titles[depth])
            if m:
                return m.group(1)
        return "項目"

    def _chapter_items_level(self, h: Heading) -> str | None:
        """The level a chapter's title names (第3章 重点プロジェクト) for the ①-numbered items listed right
        under it: each item is one node of that level, not a part of the chapter's text."""
        c = self.chapter
        if c is None or h.level or h.style != "circled" or c.style != "chapter" or not NAMED_LIST_CHAPTER.search(c.title):
            return None
        return c.title if len(c.title) <= 12 and all(n.level == c.title for n in self.stack) else None

    def open_node(self, h: Heading) -> None:
        items_level = self._chapter_items_level(h)
        if items_level is not None:
            h = replace(h, level=items_level)
            self.chapter_nodes += 1  # the chapter's items are its nodes: its sentences are no nodes
        elif h.style == "word" and h.level and not self.stack and self.chapter is not None and self.chapter.title.endswith(h.level):
            self.chapter_nodes += 1  # 第2章 重点プロジェクト lists 重点プロジェクト１ …: its opening sentences are no nodes
        self.finish()
        if h.style in ("paren", "dotted") and not h.level:
            self._open_numbered(h)
            return
        level = self._level_for(h)
        if h.style == "word" and not self.stack and self.chapter is not None:
            self._materialise_chapter(level)
        parent = self.stack[-1] if self.stack else None
        for i in range(len(self.stack) - 1, -1, -1):
            peer = self.stack[i]
            if peer.level == level and (peer.style == h.style or {peer.style, h.style} <= {"word", "dashed"}):
                self.stack = self.stack[:i]
                parent = self.stack[-1] if self.stack else None
                break
        known = len(self.nodes)
        node = self.add_node(parent, level, h.title, number=h.number, style=h.style, name=h.name,
                             subtitle=h.subtitle, fields=h.fields)
        self.title_tail = node.title if len(self.nodes) == known and _squash(h.title) != _squash(node.title) else None
        self.stack.append(node)
        self.current = TextDraft(node, None, "node_body", self.chapter_seq)

    def _open_numbered(self, h: Heading) -> None:
        """A heading numbered without a level word: 1-2 sits under 1, (1) under the numbered chapter it follows."""
        parent: NodeDraft | None = None
        if h.style == "dotted":
            prefix = re.split(r"[-‐.]", h.number or "")
            wanted = "-".join(prefix[:-1])
            parent = next((n for n in reversed(self.nodes) if n.number and re.sub(r"[-‐.]", "-", n.number) == wanted), None)
            if parent is None and self.chapter is not None and self.chapter.number == wanted:
                parent = self._chapter_node()
        else:
            if self.chapter is not None and not self.stack and (
                    (self.chapter.style == "numbered" and DOC_WORDS.search(self.chapter.title))
                    or (self.chapter.style == "chapter" and OVERVIEW_CHAPTER.search(self.chapter.title))):
                self.current = TextDraft(None, h.title, "chapter", self.chapter_seq)  # (1) of a document chapter (計画の概要): its text
                return
            parent = self._chapter_node() if self.chapter is not None else None
            if parent is None:
                peers = [n for n in self.stack if n.style == "paren"]
                parent = peers[-1].parent if peers else (self.stack[-1] if self.stack else None)
        depth = 0
        ancestor = parent
        while ancestor is not None:
            depth, ancestor = depth + 1, ancestor.parent
        levels = UNNAMED_LEVELS
        level = levels[min(depth, len(levels) - 1)]
        node = self.add_node(parent, level, h.title, number=h.number, style=h.style, name=h.name, fields=h.fields)
        chain = []
        ancestor = node
        while ancestor is not None:
            chain.insert(0, ancestor)
            ancestor = ancestor.parent
        self.stack = chain
        self.current = TextDraft(node, None, "node_body", self.chapter_seq)

    def _chapter_node(self) -> NodeDraft | None:
        """The pending numbered chapter (1 健康・福祉) as a node of the first level, once it has numbered children."""
        h = self.chapter
        if h is None or h.style != "numbered":
            return None
        self.chapter = None
        node = self.add_node(None, UNNAMED_LEVELS[0], h.title, number=h.number, style="chapter", name=h.name, fields=h.fields)
        for draft, section in list(self.plan_sections):
            if draft.chapter_seq == self.chapter_seq:
                node.sections.append(section)
                self.plan_sections.remove((draft, section))
        return node

    def _materialise_chapter(self, child_level: str) -> None:
        h = self.chapter
        assert h is not None
        self.chapter = None
        title = h.title
        if title == child_level or title.endswith(child_level) or DOC_WORDS.search(title) or h.style == "chapter":
            return
        level = title if NAMED_LIST_CHAPTER.search(title) else "分野"
        node = self.add_node(None, level, title, number=None if level == title else h.number, style="chapter",
                             name=h.name or (h.fields[0] if len(h.fields) == 1 else None), fields=h.fields)
        self.stack = [node]
        for draft, section in list(self.plan_sections):
            if draft.chapter_seq == self.chapter_seq:
                node.sections.append(section)
                self.plan_sections.remove((draft, section))

    # --- chapters and sections --------------------------------------------------------------
    def open_chapter(self, h: Heading) -> None:
        self.finish()
        if self.stack and self.last_chapter == (h.style, h.number, h.title):
            self.current = TextDraft(self.stack[-1], None, "node_body", self.chapter_seq)
            return  # the chapter's heading printed again at a page's top: the nodes open stay open
        self.last_chapter = (h.style, h.number, h.title)
        self.chapter_seq += 1
        self.chapter_nodes = 0
        self.stack = []
        self.chapter = h
        self.chapter_titles = {d: t for d, t in self.chapter_titles.items() if d < h.depth}
        self.chapter_titles[h.depth] = h.title
        self.last_named = None
        self.current = TextDraft(None, h.title, "chapter", self.chapter_seq)

    def open_section(self, h: Heading) -> None:
        self.finish()
        owner = self.stack[-1] if self.stack else None
        if h.style == "bracket" and self.last_named and ATTITUDE_SECTIONS.search(self.last_named):
            node = self.add_node(None, self.last_named[-4:], h.title, style="bracket", name=h.title)
            self.current = TextDraft(node, None, "attitude", self.chapter_seq)
            return
        if h.style == "marked" and any("役割" in t for t in self.chapter_titles.values()) and owner is None:
            self.current = TextDraft(None, h.title, "actor", self.chapter_seq)
            return
        if h.style in ("named", "marked"):
            self.last_named = h.title
        owner = self._closing_numbered(h, owner)
        self.last_section = (h.style, owner)
        kind = "policy_list" if LEVEL_LIST.match(h.title) and owner is None else "section"
        self.current = TextDraft(owner, h.title, kind, self.chapter_seq)

    def _closing_numbered(self, h: Heading, owner: NodeDraft | None) -> NodeDraft | None:
        """A section printed like the last one (【施策の方向性】 … 【成果指標】) is its sibling: it closes the
        (1)/① nodes numbered inside that one and belongs, as it did, to the node above them."""
        if self.last_section is None or self.last_section[0] != h.style or (back := self.last_section[1]) is None:
            return owner
        at = next((i for i, n in enumerate(self.stack) if n is back), None)
        if at is None or at == len(self.stack) - 1 or not all(n.style in ("paren", "circled") for n in self.stack[at + 1:]):
            return owner
        self.stack = self.stack[: at + 1]
        return back

    # --- body lines -------------------------------------------------------------------------
    def add_body(self, lines: list[Line]) -> None:
        tail, self.title_tail = self.title_tail, None
        if tail and lines and _squash(lines[0].text) and _squash(tail).endswith(_squash(lines[0].text)):
            lines = lines[1:]  # the rest of a heading met again, broken over two lines
        named = {n.name: n for n in self.nodes if n.name and n.style == "list"}
        for line in lines:
            self.era = find_era(line.key) or self.era
            node = named.get(line.key)
            if node is not None:
                self.finish()
                self.stack = [node]
                self.current = TextDraft(node, None, "chart", self.chapter_seq)
                continue
            addressed = self._addressed(line)
            if addressed is not None:
                addressed.sections.append(pf.Section(heading="概要", text=line.text))
                continue
            self.current.lines.append(line)

    def _addressed(self, line: Line) -> NodeDraft | None:
        """The node a bracketed line names (（方針 7の…）): a draft's placeholder text for that node."""
        m = ADDRESSED.match(line.key)
        if m is None:
            return None
        level, number = m.group(1), m.group(2)
        return next((n for n in self.nodes if n.level == level and n.number is not None
                     and fold(n.number) == number and n is not (self.stack[-1] if self.stack else None)), None)

    def add_table(self, block: Block) -> None:
        self.era = next((e for ln in block.body[:4] if (e := find_era(ln.key))), self.era)
        owner = self.stack[-1] if self.stack else None
        known = len(self.indicators)
        if block.grid is not None:
            self.indicators += [(owner, r) for r in indicator_rows(block.grid, default_era=self.era)]
        elif block.table == "indicators":
            rows, era, _ = read_indicator_table(block.body, default_era=self.era)
            self.era = era or self.era
            self.indicators += [(owner, r) for r in rows]
        elif block.table == "projects" and owner is not None:
            self.projects += [(owner, r) for r in parse_project_table(block.body, default_era=self.era)]
        elif block.table == "registry":
            self.registry += parse_registry(block.body)
        unit = unit_note(self.current.lines[-1].key) if self.current.lines else None
        if unit is None and self.unit_over[0] is not None and block.body and 0 < block.body[0].index - self.unit_over[1] <= NOTE_REACH:
            unit = self.unit_over[0]  # a note closing the block of the table above stands over this one
        unit = unit or header_unit([ln.key for ln in block.body])  # 目標値（件）
        if block.body:
            self.unit_over = (unit_note(block.body[-1].key), block.body[-1].index)
        if unit is not None:
            for _, row in self.indicators[known:]:
                row.unit = row.unit or unit  # （単位：％） printed over the table
        if completeness([r for _, r in self.indicators[known:]])[0]:  # a row with two figures: the table was understood
            self.tables_read.update(ln.index for ln in block.body)

    # --- finishing a text block ------------------------------------------------------------
    def finish(self) -> None:
        draft, self.current = self.current, TextDraft(self.stack[-1] if self.stack else None, None, "discard", self.chapter_seq)
        lines = draft.lines
        if draft.kind == "discard":
            return
        if draft.kind == "chart":
            self._chart_items(draft)
            return
        lines = self._pull_indicators(draft, lines)
        if draft.kind == "attitude":
            self._attitude(draft, lines)
            return
        if draft.kind == "actor":
            for item in flow(lines).items:
                self.roles.append(pf.ActorRole(actor=draft.heading or "", role=item))
            return
        if draft.kind == "policy_list":
            lines = self._policy_list(draft, lines)
        if draft.heading and "役割" in draft.heading and draft.owner is not None:
            for actor, role in parse_roles(lines):
                self.roles.append(pf.ActorRole(actor=actor, role=role, node=draft.owner.id))
            return
        if draft.owner is not None:
            actions, lines = parse_actions(lines)
            self.actions += [(draft.owner, a) for a in actions]
            lines = self._existing_projects(draft, lines)
        if draft.heading and "将来像" in draft.heading and self.vision is None:
            self.vision = md.find_vision(lines)
        self._named_nodes(draft, lines)
        if draft.kind == "chapter" and draft.owner is None and self.chapter_nodes == 0 and draft.heading and draft.heading.endswith("プロジェクト"):
            self._sentence_nodes(draft.heading, lines)
        section = self._section(draft.heading or ("概要" if draft.owner else None), lines)
        if section is None:
            return
        if draft.owner is not None:
            draft.owner.sections.append(section)
        else:
            self.plan_sections.append((draft, section))

    def _section(self, heading: str | None, lines: list[Line]) -> pf.Section | None:
        if not heading or not lines:
            return None
        text = flow(lines)
        if LIST_HEADINGS.search(heading):
            return pf.Section(heading=heading, text=None, items=text.paragraphs + text.items)
        return pf.Section(heading=heading, text="\n".join(text.paragraphs) or None, items=text.items)

    def _pull_indicators(self, draft: TextDraft, lines: list[Line]) -> list[Line]:
        rest: list[Line] = []
        read: list[Line] = []  # the lines arrow rows came from
        for line in lines:
            above = rest[-1].text if rest and len(rest[-1].key) <= 40 and not rest[-1].key.endswith("。") else None
            if above is not None and fold(above).strip() in STATUS_WORDS:
                above = None  # 未達成 above a result's figures: a status, not a name
            goal = goal_of(rest[-1].text) if rest and rest[-1].key.endswith("。") else None
            if listed := header_item_rows(line):  # items after a dated target header (数値目標(R6)): read as one list
                self.indicators += [(draft.owner, r) for r in listed]
                read.append(line)
                continue
            named = goal.name if goal is not None else above
            rows = arrow_item_rows(line, named)
            if rows and goal is not None:
                with_goal(rows[0], goal)
            if rows:
                if rows[0].name == (named and set_name_of(named)):
                    rest.pop()  # the name line (or the goal sentence) above belongs to the indicator
                self.indicators += [(draft.owner, r) for r in rows]
                read.append(line)
            else:
                rest.append(line)
        announced, rest = announced_rows(rest)
        periods, rest = period_rows(rest)
        self.indicators += [(draft.owner, r) for r in announced + periods]
        if len(read) >= 2:
            listed, rest = parse_listed_items(rest, read)
            self.indicators += [(draft.owner, r) for r in listed]
        labels = labelled_rows(rest)
        if labels:
            self.indicators += [(draft.owner, r) for r in labels]
        elif any("(" in ln.key or "（" in ln.text for ln in rest):
            self.indicators += [(draft.owner, r) for r in parse_dated_pairs(rest)]
            self.indicators += [(draft.owner, r) for r in dated_base_rows(rest, known=[r.name for _, r in self.indicators])]
        if draft.heading and "評価" in draft.heading:
            joined = "".join(ln.key for ln in rest)
            goal = next((n for n in self.nodes if n.level == "目標" and n.parent is None), None)
            for m in MENTIONED_INDICATOR.finditer(joined):
                self.indicators.append((draft.owner or goal, IndicatorRow(name=m.group(1))))
        return rest

    def _chart_items(self, draft: TextDraft) -> None:
        """Bulleted lines under a node met again in a structure chart: the node's directions."""
        assert draft.owner is not None
        for line in draft.lines:
            if line.key.startswith(CHART_BULLETS):
                title = BULLET.sub("", line.text).strip()
                if title:
                    self.at = origin_of(line)
                    self.add_node(draft.owner, CHART_LEVEL, title, style="chart")

    def _attitude(self, draft: TextDraft, lines: list[Line]) -> None:
        node = draft.owner
        assert node is not None
        head: list[str] = []
        i = 0
        while i < len(lines) and not lines[i].key.endswith("。") and len(lines[i].key) <= 30:
            head.append(lines[i].text)
            i += 1
        if head:
            node.title = "".join(head)
        sentences = [p for p in flow(lines[i:]).paragraphs if p.endswith("。")]
        if sentences:
            node.sections.append(pf.Section(heading="内容", text="\n".join(sentences)))

    def _policy_list(self, draft: TextDraft, lines: list[Line]) -> list[Line]:
        """Un-numbered nodes listed as title line, name line, then their text (a section listing a level's nodes)."""
        level = LEVEL_LIST.match(draft.heading or "").group(1)  # type: ignore[union-attr]
        rest: list[Line] = []
        heads: list[str] = []
        node: NodeDraft | None = None
        body: list[Line] = []
        for line in lines + [make_line("", -1)]:
            short = line.key and len(line.key) <= 30 and not line.key.endswith("。")
            if short or not line.key:
                if body and node is not None:
                    section = self._section(draft.heading.replace(f"{level}の", ""), body)  # type: ignore[union-attr]
                    if section:
                        node.sections.append(section)
                    body = []
                if short:
                    heads.append(line.text)
                continue
            if heads:
                node = self.add_node(None, level, heads[0], style="list", name=heads[1] if len(heads) > 1 else None)
                heads = []
                body = [line]
            elif node is not None:
                body.append(line)
            else:
                rest.append(line)
        return rest

    def _existing_projects(self, draft: TextDraft, lines: list[Line]) -> list[Line]:
        rest: list[Line] = []
        child: NodeDraft | None = None
        body: list[Line] = []

        def close() -> None:
            if child is not None and body:
                section = self._section("概要", body)
                if section:
                    child.sections.append(section)

        for line in lines:
            m = EXISTING.match(line.key)
            if m:
                close()
                child = self.add_node(draft.owner, m.group(1), line.text[m.start(2):].strip(), style="existing")
                body = []
            elif child is not None:
                body.append(line)
            else:
                rest.append(line)
        close()
        return rest

    def _named_nodes(self, draft: TextDraft, lines: list[Line]) -> None:
        """Goals, directions and viewpoints named in running text (patterns.toml), or in 【…】."""
        joined = flow(lines)
        text = "".join(joined.paragraphs + joined.items)
        for m in GOAL.finditer(text):
            self.add_node(None, "目標", m.group(1), style="named")
        goal = next((n for n in self.nodes if n.level == "目標" and n.style == "named"), None)
        for m in NAMED_AS.finditer(text):
            self.add_node(goal, m.group(2), m.group(1), style="named")
        if draft.heading and "視点" in draft.heading and draft.owner is None:
            views = [self.add_node(goal, "視点", m.group(1), style="named") for p in joined.paragraphs for m in BRACKETED.finditer(p)]
            items = [(m.group(1), line.text[m.start(2):].strip()) for line in lines if (m := LIST_ITEM.match(line.key))]
            if len(items) >= 2:
                word = _common_suffix([t for _, t in items])
                if word:
                    parent = next((v for v in reversed(views) if word in v.title), goal)
                    for number, title in items:
                        self.add_node(parent, word, title, number=f"{number})", style="list_item")

    def _sentence_nodes(self, level: str, lines: list[Line]) -> None:
        previous_ended = True
        for line in lines:
            key = line.key
            if previous_ended and 8 <= len(key) <= 40 and key.endswith("。") and not key.startswith(("・", "(", "-")):
                self.add_node(None, level, line.text.rstrip("。"), style="sentence")
            previous_ended = key.endswith("。")

    # --- the plan -------------------------------------------------------------------------
    def build(self, meta: md.Metadata, *, source: str, sha256: str, lines: Sequence[Line] = ()) -> pf.PlanDocument:
        """The plan file. With the document's ``lines``, whole-document readings go under their heading
        (``placing.py``, by the owners ``self.spots`` recorded at each heading) and rows read without their
        places get them (``provenance.py``)."""
        self.finish()
        running = _running_text(self.vision, meta.title)
        nodes = [
            pf.Node(id=n.id, parent=n.parent.id if n.parent else None, level=n.level, number=n.number, name=n.name,
                    title=n.title, subtitle=n.subtitle, fields=n.fields, origin=n.origin,
                    sections=[s for s in n.sections if not _is_running_text(s, running)])
            for n in self.nodes
        ]
        found = _merged(sifted(self.indicators))
        if lines:
            where = first_places(lines)
            traced((row for _, row in found), lines, where)
            found = without_money_rows(found, lines, where)  # a budget's lines under its caption (moneytables)
            found = _merged(placed(found, self.spots, {place: lines[k].index for place, k in where.items()}))
        indicators = [_indicator(owner, row) for owner, row in found]
        projects = [pf.Project(node=o.id, name=r.name, department=r.department, schedule=r.schedule, origin=r.origin)
                    for o, r in self.projects]
        period = meta.period
        if period is None and projects:
            years = [y for p in projects for y in p.schedule]
            period = (min(years), max(years)) if years else None
        kind = meta.kind or (PlanKind.BASIC_PLAN if any(n.level == "施策" for n in nodes) else PlanKind.SECTORAL)
        title = meta.title or f"{meta.municipality or ''}{'基本計画' if kind == PlanKind.BASIC_PLAN else '計画'}"
        return pf.PlanDocument(
            source=source, source_sha256=sha256, municipality=meta.municipality, title=title, kind=kind,
            generation=meta.generation, half=meta.half, status=meta.status, status_label=meta.status_label,
            period=pf.Period(start=period[0], end=period[1]) if period else None,
            phases=[pf.Phase(label=p.label, kind=md._kind(p.label), start=p.start, end=p.end) for p in meta.phases],
            vision=self.vision, sections=[s for _, s in self.plan_sections], nodes=nodes, indicators=indicators,
            projects=projects,
            actions=[pf.Action(node=o.id, number=a.number, title=a.title, items=a.items) for o, a in self.actions],
            individual_plans=[self._registry_row(r) for r in self.registry], roles=self.roles,
        )

    def _registry_row(self, row: RegistryRow) -> pf.IndividualPlan:
        node = None
        if row.group:
            h = classify(make_line(row.group, -1))
            for n in self.nodes:
                if h is not None and h.kind == "node" and n.level == h.level and n.number == h.number:
                    node = n
                elif n.title == row.group.strip() or n.level == row.group.strip():
                    node = node or n
        return pf.IndividualPlan(
            name=row.name, adopted_year=row.adopted_year, department=row.department, node=node.id if node else None,
            period=pf.Period(start=row.period[0], end=row.period[1]) if row.period else None,
        )


def _squash(text: str) -> str:
    """Text without spaces and list marks, for comparing a title printed twice."""
    return re.sub(r"[\s\u3000・、,]", "", fold(text))


def _running_text(*texts: str | None) -> str:
    """The vision and title with spaces removed: pages repeat pieces of them as running heads."""
    return "".join(t.replace(" ", "").replace("\u3000", "") for t in texts if t)


def _is_running_text(section: pf.Section, running: str) -> bool:
    """A section that is only a piece of the vision or title (a page's running head), not content."""
    text = (section.text or "").replace(" ", "").replace("\u3000", "")
    return bool(running) and not section.items and 0 < len(text) <= 40 and text in running


def _merged(found: list[tuple[NodeDraft | None, IndicatorRow]]) -> list[tuple[NodeDraft | None, IndicatorRow]]:
    """One indicator per name and node: a second table on the same indicator (its yearly actuals) fills the first."""
    out: dict[tuple[str | None, str], tuple[NodeDraft | None, IndicatorRow]] = {}
    for owner, row in found:
        if not row.name:
            continue
        key = (owner.id if owner else None, row.name)  # the plan file's own rule: one name per node
        if key not in out:
            out[key] = (owner, row)
            continue
        first = out[key][1]
        for name in ("unit", "direction", "baseline", "baseline_year", "target", "target_year", "definition", "source", "department"):
            if getattr(first, name) is None:
                setattr(first, name, getattr(row, name))
        years = {y for y, _, _ in first.actuals}
        first.actuals += [a for a in row.actuals if a[0] not in years]
        first.actuals.sort(key=lambda a: a[0])
        first.notes += [n for n in row.notes if n not in first.notes]
    return _owned(list(out.values()))


def _owned(found: list[tuple[NodeDraft | None, IndicatorRow]]) -> list[tuple[NodeDraft | None, IndicatorRow]]:
    """An indicator a reading of the whole document gives without a node, that one node's text gives too, is that
    node's: one indicator, where the first reading stood, its figures filled by the other's."""
    owners: dict[str, list[int]] = {}
    for k, (owner, row) in enumerate(found):
        if owner is not None:
            owners.setdefault(row.name, []).append(k)
    drop: set[int] = set()
    for k, (owner, row) in enumerate(found):
        if owner is not None:
            continue
        if not (at := owners.get(row.name, [])):  # the same figures under a heading run into the name: the node's
            at = [j for j, (o, r) in enumerate(found) if o is not None and row.name.endswith(r.name) and _same_figures(row, r)]
        if len(at) != 1 or at[0] in drop:
            continue
        first, second = sorted((k, at[0]))
        found[first][1].name = row.name = found[at[0]][1].name  # the node's name: free of a heading run into it
        _merged([(None, found[first][1]), (None, found[second][1])])  # fills the first's gaps from the second
        found[first] = (found[at[0]][0], found[first][1])
        drop.add(second)
    return [f for k, f in enumerate(found) if k not in drop]


def _same_figures(a: IndicatorRow, b: IndicatorRow) -> bool:
    figures = [(q.value if q else None, y) for r in (a, b) for q, y in ((r.baseline, r.baseline_year), (r.target, r.target_year))]
    return figures[:2] == figures[2:] and any(v is not None for v, _ in figures[:2])


def _common_suffix(titles: list[str]) -> str | None:
    for size in (4, 3, 2):
        tails = {t[-size:] for t in titles}
        if len(tails) == 1:
            return tails.pop()
    return None


def _figure(value: float | None) -> float | None:
    """A figure the plan file can hold; one out of bounds (a garbled 1e27) is kept only as printed text."""
    return value if is_storable(value) else None


def _value(q: Quantity | None, year: int | None, origin: str | None = None) -> pf.Value | None:
    if q is None and year is None:
        return None
    if q is None:
        return pf.Value(value=None, year=year, text=None, origin=origin)
    return pf.Value(value=_figure(q.value) if q.kind in ("number", "maintain") and q.value is not None else None, year=year, text=q.text or None, origin=origin)


def _indicator(owner: NodeDraft | None, row: IndicatorRow) -> pf.Indicator:
    row = sole_goal(row)  # an interim goal and no final column: that goal is the target
    return pf.Indicator(
        node=owner.id if owner else None, name=row.name, unit=row.unit, direction=row.direction,
        baseline=_value(row.baseline, row.baseline_year, row.origins.get("baseline")),
        target=_value(row.target, row.target_year, row.origins.get("target")),
        interim_targets=[v for k, (q, y) in enumerate(row.interim) if (v := _value(q, y, row.origins.get(f"interim:{k}")))],
        notes=row.notes, definition=row.definition, source=row.source, department=row.department, origin=row.origin,
        actuals=[pf.Actual(year=y, value=_figure(q.value), text=q.text, reported_rate=_figure(rate), origin=row.origins.get(f"actual:{y}"))
                 for y, q, rate in row.actuals],
    )


def build_plan(blocks: list[Block], lines: list[Line], *, source: str, sha256: str) -> pf.PlanDocument:
    """Assemble the plan file of one document from its blocks.

    A text longer than the plan file allows (a flattened document read as one paragraph, a line
    taken for a title) is cut at its cap, at a sentence or line end when one is near.
    """
    with pf.cutting_long_texts():
        return _build_plan(blocks, lines, source=source, sha256=sha256)


def _build_plan(blocks: list[Block], lines: list[Line], *, source: str, sha256: str) -> pf.PlanDocument:
    builder = Builder()
    preamble = blocks[0].body if blocks and blocks[0].heading is None and not blocks[0].table else []
    first_chapter = next((b.heading.title for b in blocks if b.heading and b.heading.kind == "chapter"), None)
    for block in blocks:
        builder.at = origin_of(block.line) if block.line is not None else None
        if block.table:
            builder.add_table(dated_table(block, lines))
        elif block.heading is None:
            builder.add_body(block.body)
        else:
            if block.heading.kind == "node" and builder.is_action_item(block.heading) or (
                    block.heading.kind != "section" and builder.is_listed_goal(block.heading)):
                builder.add_body([block.line, *block.body])  # type: ignore[list-item]
                continue
            {"chapter": builder.open_chapter, "node": builder.open_node, "section": builder.open_section}[block.heading.kind](block.heading)
            if block.line is not None:
                builder.spots.append((block.line.index, builder.stack[-1] if builder.stack else None))
            builder.add_body(block.body)
    builder.indicators += [(None, r) for r in whole_document_rows(lines, builder.tables_read, [r for _, r in builder.indicators])]
    builder.indicators = without_appendix_figures(builder.indicators, blocks, lines)
    builder.finish()  # the last text block's rows too
    stated_years(lines, [r for _, r in builder.indicators])
    titled_group_rows(lines, [r for _, r in builder.indicators])
    meta = md.extract_metadata(lines, preamble, first_chapter)
    return builder.build(meta, source=source, sha256=sha256, lines=lines)
