"""The plan file: one JSON document per plan, read by ``load`` and written by ``dump`` and the importer.

Every record is typed; references between records use the document's own node ids, and
references to other plans use plan keys, so a file stands on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from keikaku.domain.enums import Direction, IndicatorKind, LinkType, PlanHalf, PlanKind, PlanStatus
from keikaku.domain.errors import FieldProblem, PlanFileError
from keikaku.domain.figures import figure_problem
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR

FORMAT = "keikaku-plan/1"
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _storable(value: float | int) -> float | int:
    problem = figure_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# A figure: finite and smaller than 10^15 in size (see domain/figures.py).
Number = Annotated[float | int, AfterValidator(_storable)]

# --- lengths -------------------------------------------------------------------------------
# Every text has a cap, so that no plan can make a page, a search or a cache unbounded. The
# longest real values (the seeds, the example plans, the corpus) are 22 characters for a plan's
# title, 195 for a name and 982 for a body; the caps leave room many times over. Where a text lands in
# a column of fixed length, its cap is that length (keikaku/storage/models.py).
TITLE_CHARS = 250  # a plan's title: its default key, ``code:title:draft``, fits the key column (300)
NAME_CHARS = 500  # names and titles of nodes, indicators, projects, actions; headings; words and figures as printed
TEXT_CHARS = 50_000  # bodies: a section's text and items, the vision, definitions, notes, comments
KEY_CHARS = 300  # a plan key (plans.key)
NODE_ID_CHARS = 200  # a node id (nodes.key)
DEPARTMENT_CHARS = 200  # departments.name
MUNICIPALITY_CHARS = 100  # municipalities.name
LEVEL_CHARS = 50  # a level word, a printed number, a unit, a project's stage (String(50) columns)
SOURCE_CHARS = 1000  # the document a plan was read from

# While set (the importer's build), texts over their cap are cut instead of refused; the list
# counts what was cut.
_cutting: ContextVar[list[int] | None] = ContextVar("_cutting", default=None)


def cut_text(value: str, limit: int) -> str:
    """``value`` in at most ``limit`` characters, ending at a sentence or line when one is near, then ``…``."""
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    stop = max(head.rfind("。"), head.rfind("\n"))
    if stop >= limit * 3 // 4:
        head = head[: stop + 1]
    return head.rstrip() + "…"


@contextmanager
def cutting_long_texts() -> Iterator[list[int]]:
    """Within the block, plan records cut texts over their cap (yielding the original lengths) instead of refusing them."""
    cut: list[int] = []
    token = _cutting.set(cut)
    try:
        yield cut
    finally:
        _cutting.reset(token)


def _capped(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) <= limit:
            return value
        cut = _cutting.get()
        if cut is not None:
            cut.append(len(value))
            return cut_text(value, limit)
        raise PydanticCustomError("string_too_long", "at most {limit} characters; this one has {length}",
                                  {"limit": f"{limit:,}", "length": f"{len(value):,}"})

    return AfterValidator(check)


def Bounded(limit: int, *, required: bool = False) -> Any:  # noqa: N802 - a type
    """A string of at most ``limit`` characters (and at least one when ``required``)."""
    return Annotated[str, Field(min_length=1), _capped(limit)] if required else Annotated[str, _capped(limit)]


Title = Bounded(TITLE_CHARS, required=True)
Name = Bounded(NAME_CHARS, required=True)
OptName = Bounded(NAME_CHARS)
Body = Bounded(TEXT_CHARS)
PlanKey = Bounded(KEY_CHARS)
NodeId = Bounded(NODE_ID_CHARS, required=True)
NodeRef = Bounded(NODE_ID_CHARS)
Department = Bounded(DEPARTMENT_CHARS, required=True)
OptDepartment = Bounded(DEPARTMENT_CHARS)
Level = Bounded(LEVEL_CHARS, required=True)
Short = Bounded(LEVEL_CHARS)
PhaseLabel = Bounded(200, required=True)  # plan_phases.label
RoleText = Bounded(TEXT_CHARS, required=True)
SourceName = Bounded(SOURCE_CHARS)
MunicipalityName = Bounded(MUNICIPALITY_CHARS)
MunicipalityCode = Bounded(20)  # as written (１３２１０１, 13210-1 …) before it is normalised to 6 digits
# Short codes, as long as their database columns allow.
Code10 = Annotated[str, Field(min_length=1, max_length=10)]
Code20 = Annotated[str, Field(min_length=1, max_length=20)]
Code30 = Annotated[str, Field(min_length=1, max_length=30)]
Code50 = Annotated[str, Field(min_length=1, max_length=50)]
# The word a draft plan was printed with (骨子案, 素案, 原案, 案, 計画案 …), as long as its column allows.
StatusLabel = Annotated[str, Field(min_length=1, max_length=20)]
# Where an item was read from in its document: ``p.3 (72,140–300,152)``, ``line 12``, ``Sheet1!B4``.
Origin = Annotated[str, Field(max_length=200)]


def _tidy_number(value: float | int | None) -> float | int | None:
    """Integral floats become ints so 100 and 100.0 write the same way."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)


class Period(Record):
    """An inclusive span of fiscal years."""

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Phase(Record):
    """A named part of the document's span, e.g. 前期基本計画 2021-2025 inside a 2021-2030 concept."""

    label: PhaseLabel
    kind: PlanKind | None = None
    start: Year
    end: Year


class PlanRef(Record):
    """A node, or a whole plan when ``node`` is null; ``plan`` null means this document."""

    plan: PlanKey | None = None
    node: NodeRef | None = None


class Section(Record):
    """A named text block (現況と課題, 施策の方向性, ありたい姿 …) with its bullet items."""

    heading: Name
    text: Body | None = None
    items: list[Body] = []


class Node(Record):
    id: NodeId
    parent: NodeRef | None = None
    level: Level
    number: Short | None = None
    name: OptName | None = None
    title: Name
    subtitle: OptName | None = None
    fields: list[OptName] = []
    sections: list[Section] = []
    departments: list[Department] = []
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = []
    origin: Origin | None = None


# A survey's sample: the number of answers (標本数), or the margin of error printed instead (± points).
SampleSize = Annotated[int, Field(ge=1, le=100_000_000)]
MarginOfError = Annotated[float, Field(gt=0, lt=100)]


class Value(Record):
    """A baseline or target: the number, its fiscal year and the words as printed (維持, 拡充, －).

    The baseline of a survey indicator may carry its ``sample_size`` or printed ``margin_of_error``
    (a target or an interim target never does)."""

    value: Number | None = None
    year: Year | None = None
    text: OptName | None = None
    origin: Origin | None = None
    sample_size: SampleSize | None = None
    margin_of_error: MarginOfError | None = None

    _tidy = field_validator("value", "margin_of_error")(classmethod(lambda cls, v: _tidy_number(v)))


class Survey(Record):
    """The indicator is a share of citizens from a survey (市民意識調査): its changes are judged
    with the confidence interval at ``confidence`` (docs/assessment.md#survey-indicators)."""

    confidence: Annotated[float, Field(gt=0, lt=1)] = 0.95


class Actual(Record):
    """実績値; ``draft`` while entered in an open evaluation cycle, ``published`` once in a document or approved."""

    year: Year
    value: Number | None = None
    text: OptName | None = None
    source: Body | None = None
    note: Body | None = None
    reported_rate: Number | None = None
    status: Literal["published", "draft"] = "published"
    origin: Origin | None = None
    sample_size: SampleSize | None = None  # of a survey indicator: the answers the share was measured on
    margin_of_error: MarginOfError | None = None  # … or the margin of error printed for it (± points)

    _tidy = field_validator("value", "reported_rate", "margin_of_error")(classmethod(lambda cls, v: _tidy_number(v)))


class Indicator(Record):
    """成果・活動指標; ``node`` null for a plan-wide indicator (計画全体の目標)."""

    node: NodeRef | None = None
    name: Name
    kind: IndicatorKind | None = None
    unit: Short | None = None
    direction: Direction | None = None
    survey: Survey | None = None
    baseline: Value | None = None
    target: Value | None = None
    interim_targets: list[Value] = []
    definition: Body | None = None
    notes: list[Body] = []
    source: Body | None = None
    department: OptDepartment | None = None
    actuals: list[Actual] = []
    origin: Origin | None = None


class Project(Record):
    node: NodeId
    name: Name
    department: OptDepartment | None = None
    schedule: dict[Year, Level] = {}  # the stage of each year (project_stages.stage)
    origin: Origin | None = None

    @field_validator("schedule")
    @classmethod
    def _sorted(cls, v: dict[int, str]) -> dict[int, str]:
        return dict(sorted(v.items()))


class Action(Record):
    node: NodeId
    number: Short | None = None
    title: Name
    items: list[Body] = []


class IndividualPlan(Record):
    """A row of the sectoral-plan registry (個別計画一覧)."""

    name: Name
    adopted_year: Year | None = None
    period: Period | None = None
    department: OptDepartment | None = None
    node: NodeRef | None = None


class ActorRole(Record):
    """各主体の役割: what one actor does, for a node (an idea, a policy) or an action, or plan-wide."""

    actor: Name
    role: RoleText
    node: NodeRef | None = None
    action: Short | None = None  # an action's number


class Link(Record):
    type: LinkType
    source: NodeId
    target: PlanRef
    note: Body | None = None


class Sheet(Record):
    """施策評価シート: one node's evaluation in a cycle (self grade, reasons, issues, next step, review);
    ``node`` null: the sheet of the plan's plan-wide indicators."""

    node: NodeId | None = None
    status: Code10 = "draft"
    self_grade: Code20 | None = None
    reasons: Body | None = None
    issues: Body | None = None
    next_direction: Code10 | None = None
    review_comment: Body | None = None
    version: Annotated[int, Field(ge=1, le=2**31 - 1)] = 1  # as its database column holds


class ProjectProgress(Record):
    """A project's progress in a cycle's year; ``project`` is an index into ``projects`` or a project's name."""

    project: Annotated[int, Field(ge=0)] | Name
    stage: Code50 | None = None
    progress: Body | None = None


class Cycle(Record):
    """The yearly review (評価サイクル) of fiscal year ``year``, with its sheets and project progress."""

    year: Year
    deadline: date | None = None
    scale: Code30 = "abcd"
    status: Literal["open", "closed"] = "open"
    sheets: list[Sheet] = []
    project_progress: list[ProjectProgress] = []


def project_ref_problem(doc: PlanDocument, ref: int | str) -> str | None:
    """Why ``ref`` (an index into ``doc.projects`` or a project name) names no single project; None when it does."""
    if isinstance(ref, int):
        return None if ref < len(doc.projects) else f"no project at index {ref} ({len(doc.projects)} projects)"
    count = sum(1 for p in doc.projects if p.name == ref)
    if count == 0:
        return f"no project named {ref!r}"
    return None if count == 1 else f"{count} projects are named {ref!r}; use the project's index"


def project_index(doc: PlanDocument, ref: int | str) -> int:
    """The index into ``doc.projects`` of a valid project reference."""
    return ref if isinstance(ref, int) else next(i for i, p in enumerate(doc.projects) if p.name == ref)


class PlanDocument(Record):
    format: Literal["keikaku-plan/1"] = FORMAT
    key: PlanKey | None = None
    source: SourceName | None = None
    source_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    municipality: MunicipalityName | None = None
    municipality_code: MunicipalityCode | None = None
    title: Title
    kind: PlanKind
    generation: Annotated[int, Field(ge=1, le=99)] | None = None
    half: PlanHalf | None = None
    status: PlanStatus = PlanStatus.ADOPTED
    status_label: StatusLabel | None = None
    period: Period | None = None
    phases: list[Phase] = []
    parent: PlanRef | None = None
    revision_of: PlanKey | None = None
    vision: Body | None = None
    sections: list[Section] = []
    nodes: list[Node] = []
    indicators: list[Indicator] = []
    projects: list[Project] = []
    actions: list[Action] = []
    individual_plans: list[IndividualPlan] = []
    roles: list[ActorRole] = []
    links: list[Link] = []
    cycles: list[Cycle] = []

    @field_validator("status_label")
    @classmethod
    def _word_of_a_draft(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None:
            return v
        if len(v.splitlines()) != 1 or v != v.strip() or not v.isprintable():
            raise ValueError("the printed word of a draft: one line, no surrounding spaces or control characters")
        if info.data.get("status", PlanStatus.DRAFT) != PlanStatus.DRAFT:
            raise ValueError(f"{v!r} is the word of a draft, but status is {info.data['status'].value!r}")
        return v

    def to_json_dict(self) -> dict[str, Any]:
        """The canonical JSON form: every field present, in schema order."""
        return self.model_dump(mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += "[key]"
        else:
            out += f".{part}" if out else str(part)
    return out


def reference_problems(doc: PlanDocument) -> list[FieldProblem]:
    """Problems pydantic cannot see: duplicate ids, dangling or cyclic references."""
    problems: list[FieldProblem] = []
    ids: dict[str, int] = {}
    for i, node in enumerate(doc.nodes):
        if node.id in ids:
            problems.append(FieldProblem(f"nodes[{i}].id", f"duplicate node id {node.id!r}"))
        ids.setdefault(node.id, i)
    for i, node in enumerate(doc.nodes):
        if node.parent is not None and node.parent not in ids:
            problems.append(FieldProblem(f"nodes[{i}].parent", f"no node with id {node.parent!r}"))
    parents = {n.id: n.parent for n in doc.nodes}
    for i, node in enumerate(doc.nodes):
        seen, cur = {node.id}, node.parent
        while cur is not None and cur in parents:
            if cur in seen:
                problems.append(FieldProblem(f"nodes[{i}].parent", f"cycle through node {cur!r}"))
                break
            seen.add(cur)
            cur = parents[cur]

    def need(path: str, ref: str | None, required: bool = True) -> None:
        if ref is None:
            return
        if ref not in ids:
            problems.append(FieldProblem(path, f"no node with id {ref!r}"))

    for name in ("indicators", "projects", "actions"):
        for i, rec in enumerate(getattr(doc, name)):
            need(f"{name}[{i}].node", rec.node)
    for i, row in enumerate(doc.individual_plans):
        need(f"individual_plans[{i}].node", row.node)
    action_numbers = {(a.node, a.number) for a in doc.actions}
    for i, role in enumerate(doc.roles):
        need(f"roles[{i}].node", role.node)
        if role.action is not None and (role.node, role.action) not in action_numbers:
            problems.append(FieldProblem(f"roles[{i}].action", f"no action {role.action!r} under node {role.node!r}"))
    for i, link in enumerate(doc.links):
        need(f"links[{i}].source", link.source)
        if link.target.plan is None:
            if link.target.node is None:
                problems.append(FieldProblem(f"links[{i}].target", "a link inside the plan needs a target node"))
            else:
                need(f"links[{i}].target.node", link.target.node)
    seen_ind: set[tuple[str, str]] = set()
    for i, ind in enumerate(doc.indicators):
        if (ind.node, ind.name) in seen_ind:
            problems.append(FieldProblem(f"indicators[{i}].name", f"duplicate indicator {ind.name!r} under node {ind.node!r}",
                                         "duplicate_indicator"))
        seen_ind.add((ind.node, ind.name))
        problems.extend(survey_problems(f"indicators[{i}]", ind))
        years = [a.year for a in ind.actuals]
        for j, year in enumerate(years):
            if year in years[:j]:
                problems.append(FieldProblem(f"indicators[{i}].actuals[{j}].year", f"duplicate year {year}"))
    cycle_years: set[int] = set()
    for i, cycle in enumerate(doc.cycles):
        if cycle.year in cycle_years:
            problems.append(FieldProblem(f"cycles[{i}].year", f"duplicate cycle year {cycle.year}"))
        cycle_years.add(cycle.year)
        sheet_nodes: set[str | None] = set()
        for j, sheet in enumerate(cycle.sheets):
            if sheet.node is not None:
                need(f"cycles[{i}].sheets[{j}].node", sheet.node)
            if sheet.node in sheet_nodes:
                problems.append(FieldProblem(f"cycles[{i}].sheets[{j}].node", f"duplicate sheet for node {sheet.node!r}"))
            sheet_nodes.add(sheet.node)
        progressed: set[int] = set()
        for j, row in enumerate(cycle.project_progress):
            if (why := project_ref_problem(doc, row.project)) is not None:
                problems.append(FieldProblem(f"cycles[{i}].project_progress[{j}].project", why))
            elif (k := project_index(doc, row.project)) in progressed:
                problems.append(FieldProblem(f"cycles[{i}].project_progress[{j}].project", f"duplicate progress for project {k}"))
            else:
                progressed.add(k)
    if doc.parent is not None and doc.parent.plan is None:
        problems.append(FieldProblem("parent.plan", "the parent must name another plan's key"))
    return problems


def survey_problems(path: str, ind: Indicator) -> list[FieldProblem]:
    """A target never carries a sample; a survey indicator's shares with a sample lie within 0–100."""
    problems = []
    for where, value in [("target", ind.target), *((f"interim_targets[{j}]", t) for j, t in enumerate(ind.interim_targets))]:
        if value is not None and (value.sample_size is not None or value.margin_of_error is not None):
            problems.append(FieldProblem(f"{path}.{where}", "only the baseline and the actuals carry a sample size or "
                                         "margin of error", "target_sample"))
    if ind.survey is not None:
        shares = [("baseline", ind.baseline), *((f"actuals[{j}]", a) for j, a in enumerate(ind.actuals))]
        for where, value in shares:
            sampled = value is not None and (value.sample_size is not None or value.margin_of_error is not None)
            if sampled and value.value is not None and not 0 <= value.value <= 100:  # type: ignore[union-attr]
                problems.append(FieldProblem(f"{path}.{where}.value", "a survey share lies between 0 and 100 percent",
                                             "survey_share"))
    return problems


def _rule(error: Any) -> tuple[str, dict[str, Any]]:
    """The rule a schema error broke, as a code and the values its words need (see ``FieldProblem``)."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("missing", "string_too_short"):
        return "missing", {}
    if kind == "string_too_long":
        return "too_long", {"max": ctx.get("limit") or ctx.get("max_length")}
    return "", {}


def parse_plan_document(data: Any, source: str = "<plan>") -> PlanDocument:
    """Validate a decoded JSON value as a plan; raise PlanFileError listing every problem."""
    try:
        doc = PlanDocument.model_validate(data)
    except ValidationError as exc:
        problems = [FieldProblem(_path(e["loc"]), e["msg"], *_rule(e)) for e in exc.errors()]
        raise PlanFileError(source, problems) from None
    problems = reference_problems(doc)
    if problems:
        raise PlanFileError(source, problems)
    return doc


def parse_plan_json(text: str, source: str = "<plan>") -> PlanDocument:
    """Decode and validate plan JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(source, [FieldProblem(f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise PlanFileError(source, [FieldProblem("", "not a plan file: its JSON is nested too deeply")]) from None
    except ValueError:  # an integer of thousands of digits
        raise PlanFileError(source, [FieldProblem("", "not a plan file: a number in it has thousands of digits")]) from None
    if not isinstance(data, dict):
        raise PlanFileError(source, [FieldProblem("", "a plan file must hold one JSON object")])
    return parse_plan_document(data, source)
