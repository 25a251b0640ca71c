"""Running text: rejoining broken lines into paragraphs and items, numbered actions, actor roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keikaku.importer.normalize import Line

BULLET = re.compile(r"^(?:[-・●○◆◇▶▸■□]\s*)+")
ACTION = re.compile(r"^(?:[(（]([0-9０-９]{1,2})[)）]|([①-⑳]))\s*(\S.*)$")
_SENTENCE_END = ("。", "。)", "。）", "。」")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def join(a: str, b: str) -> str:
    """Glue a broken line back: no space between Japanese characters, one between Latin words."""
    if not a:
        return b
    if not b:
        return a
    if _CJK.match(a[-1]) or _CJK.match(b[0]):
        return a + b
    return f"{a} {b}"


@dataclass
class Flow:
    """Text of a block: paragraphs (each ending where a line ends a sentence) and bullet items."""

    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


class _Joined:
    """Pieces glued as ``join`` glues two, in time linear in their length (a paragraph may run for
    thousands of lines when a document has no 。)."""

    def __init__(self, first: str) -> None:
        self.parts = [first]
        self.last = first

    def add(self, text: str) -> None:
        if not text:
            return
        if self.last and not (_CJK.match(self.last[-1]) or _CJK.match(text[0])):
            self.parts.append(" ")
        self.parts.append(text)
        self.last = text

    def text(self) -> str:
        return "".join(self.parts)


def flow(lines: list[Line]) -> Flow:
    out = Flow()
    current: _Joined | None = None
    in_item = False
    for line in lines:
        text = line.text
        m = BULLET.match(text)
        if m:
            if current is not None:
                (out.items if in_item else out.paragraphs).append(current.text())
            current, in_item = _Joined(text[m.end():].strip()), True
            continue
        if current is None:
            current, in_item = _Joined(text), False
        else:
            current.add(text)
        if text.endswith(_SENTENCE_END) and not in_item:
            out.paragraphs.append(current.text())
            current = None
    if current is not None:
        (out.items if in_item else out.paragraphs).append(current.text())
    return out


@dataclass
class ActionDraft:
    number: str
    title: str
    items: list[str]


def parse_actions(lines: list[Line]) -> tuple[list[ActionDraft], list[Line]]:
    """(1) title lines with their ・ items; returns the actions and the lines that were not part of one."""
    actions: list[ActionDraft] = []
    rest: list[Line] = []
    current: ActionDraft | None = None
    body: list[Line] = []
    for line in lines:
        m = ACTION.match(line.key)
        if m:
            if current is not None:
                current.items = flow(body).items or flow(body).paragraphs
            number = f"({m.group(1)})" if m.group(1) else m.group(2)
            current, body = ActionDraft(number, line.text[m.start(3):].strip(), []), []
            actions.append(current)
        elif current is None:
            rest.append(line)
        else:
            body.append(line)
    if current is not None:
        current.items = flow(body).items or flow(body).paragraphs
    return actions, rest


ROLE_SEPARATOR = re.compile(r"[／/]")
ROLE_PAIR = re.compile(r"^(?P<actor>[^…:：]{1,40}?)\s*(?:…+|\.{3,}|:|：)\s*(?P<role>\S.*)$")


def parse_roles(lines: list[Line]) -> list[tuple[str, str]]:
    """'actor…role／actor…role' lines (a section of roles) as (actor, role) pairs."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        for part in ROLE_SEPARATOR.split(line.text):
            m = ROLE_PAIR.match(part.strip())
            if m:
                pairs.append((m.group("actor").strip(), m.group("role").strip()))
            elif pairs and part.strip():
                actor, role = pairs[-1]
                pairs[-1] = (actor, join(role, part.strip()))
    return pairs
