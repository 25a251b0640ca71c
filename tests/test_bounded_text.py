"""Bounded text, bounded search, caches bounded in bytes (reliability item 8).

A plan of a 5-million-character title once made anonymous searches answer tens of megabytes
and the page cache grow without limit. Texts are capped in the plan file, searches answer
bounded pieces of what they find (even over old data stored before the caps), and every cache
is a least-recently-used cache bounded in bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, String, select

from keikaku.cache import ByteLru, memo
from keikaku.domain import planfile as pf
from keikaku.domain.enums import PlanKind, PlanStatus
from keikaku.domain.errors import PlanFileError
from keikaku.importer.pipeline import extract_file
from keikaku.services import browse
from keikaku.services.plans import default_key, load_plan, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.repository import SEARCH_TITLE_CHARS
from keikaku.web.app import create_app

BIG = 2_000_000  # characters of the hostile plan's title and of its section
PHRASE = "公園のまちづくり"  # 8 characters


def minimal(**fields: object) -> dict:
    return {"title": "かえで市総合計画", "kind": "comprehensive", **fields}


def problems(data: dict) -> list[str]:
    with pytest.raises(PlanFileError) as info:
        pf.parse_plan_document(data, source="long.json")
    return [str(p) for p in info.value.problems]


# --- the plan file -----------------------------------------------------------------------

def test_an_over_long_title_is_refused_with_its_field_named() -> None:
    assert problems(minimal(title="計" * 251)) == ["title: at most 250 characters; this one has 251"]
    assert pf.parse_plan_document(minimal(title="計" * 250)).title == "計" * 250


def test_over_long_texts_anywhere_are_named_with_their_limits() -> None:
    node = {"id": "n1", "level": "施策", "title": "公園" * 251, "sections": [{"heading": "現況と課題", "text": "あ" * 50_001}]}
    found = problems(minimal(vision="か" * 5_000_000, nodes=[node],
                             indicators=[{"name": "公園の数", "node": "n1", "unit": "か所" * 26}]))
    assert found == [
        "vision: at most 50,000 characters; this one has 5,000,000",
        "nodes[0].title: at most 500 characters; this one has 502",
        "nodes[0].sections[0].text: at most 50,000 characters; this one has 50,001",
        "indicators[0].unit: at most 50 characters; this one has 52",
    ]


def test_keikaku_load_refuses_a_file_with_a_five_million_character_title(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(minimal(title="長" * 5_000_000, municipality_code="990019", municipality="かえで市"),
                               ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanFileError) as info:
        load_plan_file(engine, path)
    assert [str(p) for p in info.value.problems] == ["title: at most 250 characters; this one has 5,000,000"]


def test_the_caps_fit_the_database_columns() -> None:
    columns = {
        pf.KEY_CHARS: m.Plan.key, pf.NODE_ID_CHARS: m.Node.key, pf.DEPARTMENT_CHARS: m.Department.name,
        pf.MUNICIPALITY_CHARS: m.Municipality.name, pf.LEVEL_CHARS: m.Node.level,
    }
    for cap, column in columns.items():
        assert isinstance(column.type, String) and column.type.length == cap, column
    for column in (m.Node.number, m.Action.number, m.Indicator.unit, m.ProjectStage.stage):
        assert column.type.length == pf.LEVEL_CHARS
    assert m.PlanPhase.label.type.length == 200
    longest = pf.PlanDocument(title="計" * pf.TITLE_CHARS, kind="comprehensive", status="draft")
    assert len(default_key("990019", longest)) == 263 <= m.Plan.key.type.length


def test_the_examples_and_seeds_are_far_below_the_caps(seeds: Path) -> None:
    docs = [pf.parse_plan_json(p.read_text(encoding="utf-8")) for p in sorted(Path(browse.__file__).parents[1].glob("data/example/*.json"))]
    docs += [extract_file(p).plan for p in sorted(seeds.glob("0*.txt"))]
    texts = [s for d in docs for s in _strings(d.to_json_dict())]
    assert max(len(d.title) for d in docs) == 19  # the cap of plan titles is 250
    assert max(map(len, texts)) == 962  # a section of seed 003; the cap of bodies is 50,000


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_importer_cuts_a_flattened_paragraph_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "flattened.txt"
    path.write_text("第1次かえで市総合計画\n第1章 総論\n" + "まちづくりの文章です。" * 30_000 + "\n", encoding="utf-8")
    plan = extract_file(path).plan
    [section] = plan.sections
    assert len(section.text) == 49_996  # 4,545 whole sentences of 11 characters, then the mark of the cut
    assert section.text.endswith("です。…")


def test_cut_text_ends_at_a_sentence_or_line_when_one_is_near() -> None:
    assert pf.cut_text("あいう。えお", 10) == "あいう。えお"
    assert pf.cut_text("一二三四五六七。八九十一二", 10) == "一二三四五六七。…"
    assert pf.cut_text("一二三四五六七八九十一二", 10) == "一二三四五六七八九…"
    assert pf.cut_text("一。二三四五六七八九十一二", 10) == "一。二三四五六七八…"  # the sentence end is too far back


# --- search over old data stored before the caps --------------------------------------------

@pytest.fixture
def hostile(engine: Engine) -> int:
    """A plan as old data could hold it: a title and a section of millions of characters, 60 nodes of long
    titles (20,004 characters, over the cap) and long sections (40,000 characters, within it)."""
    nodes = [pf.Node.model_construct(id=f"n{i}", parent=None, level="施策", number=str(i), name=None,
                                     title=f"{i}番目の" + PHRASE * 2_500, subtitle=None, fields=[], departments=[],
                                     sections=[pf.Section.model_construct(heading="現況と課題", text=PHRASE * 5_000, items=[])],
                                     sdgs=[], origin=None) for i in range(60)]
    doc = pf.PlanDocument.model_construct(
        key="990019:hostile", municipality="かえで市", municipality_code="990019", title=PHRASE * (BIG // len(PHRASE)),
        kind=PlanKind.COMPREHENSIVE, status=PlanStatus.ADOPTED, nodes=nodes,
        sections=[pf.Section.model_construct(heading="序", text="前置き" + PHRASE * (BIG // len(PHRASE)), items=[])],
        **{name: [] for name in ("phases", "indicators", "projects", "actions", "individual_plans", "roles", "links", "cycles")},
        **{name: None for name in ("source", "source_sha256", "generation", "half", "status_label", "period", "parent",
                                   "revision_of", "vision")},
    )
    return load_plan(engine, doc).plan_id


@pytest.mark.parametrize("query", ["公園", PHRASE])  # LIKE, and (on SQLite) the trigram index
def test_a_search_over_a_huge_plan_answers_in_bounded_size(engine: Engine, hostile: int, query: str) -> None:
    site = TestClient(create_app(engine), raise_server_exceptions=False)
    answer = site.get("/api/v1/search", params={"q": query})
    assert answer.status_code == 200
    assert len(answer.content) < 200_000  # 50 results; before the bounds, tens of megabytes
    results = answer.json()["results"]
    assert len(results) == 50
    assert {len(r["plan"]) for r in results} == {SEARCH_TITLE_CHARS}
    assert {len(r["title"]) for r in results} == {SEARCH_TITLE_CHARS}
    assert all(r["title"].endswith("…") and r["plan"].endswith("…") for r in results)
    assert max(len(r["snippet"]) for r in results) <= 2 * 50 + len(query) + 2
    assert all(query in r["snippet"] for r in results)
    page = site.get("/search", params={"q": query})
    assert page.status_code == 200 and len(page.content) < 400_000


def test_the_search_query_is_bounded_on_the_page_and_the_api(engine: Engine) -> None:
    site = TestClient(create_app(engine), raise_server_exceptions=False)
    assert site.get("/api/v1/search", params={"q": "公" * 101}).status_code == 422
    assert site.get("/search", params={"q": "公" * 101}).status_code == 400  # the site's page, not JSON
    answer = site.get("/api/v1/search", params={"q": "公" * 100}).json()
    assert (answer["query"], answer["results"]) == ("公" * 100, [])


def test_a_snippet_shows_the_context_of_the_first_hit() -> None:
    text = "あ" * 200 + "公園" + "い" * 200
    assert browse.snippet(text, "公園") == "…" + "あ" * 50 + "公園" + "い" * 50 + "…"
    assert browse.snippet("公園です", "公園", cut_before=True, cut_after=True) == "…公園です…"
    assert browse.snippet("公園です", "公園") == "公園です"


# --- caches bounded in bytes ----------------------------------------------------------------

def test_the_lru_evicts_the_least_recently_used_by_bytes() -> None:
    cache: ByteLru[str, str] = ByteLru(100, weigh=lambda key, value: len(value))
    assert cache.put("a", "x" * 40) and cache.put("b", "x" * 40)
    assert cache.total_bytes == 80
    assert cache.get("a") == "x" * 40  # a is now the most recently used
    assert cache.put("c", "x" * 30)  # 110 > 100: b goes
    assert ("a" in cache, "b" in cache, "c" in cache) == (True, False, True)
    assert cache.total_bytes == 70
    assert cache.put("a", "x" * 10)  # replacing counts the new size only
    assert cache.total_bytes == 40
    assert not cache.put("d", "x" * 101)  # alone over the bound: not kept, nothing evicted
    assert (len(cache), cache.total_bytes) == (2, 40)
    assert cache.put("e", "x" * 100)  # exactly the bound: everything else goes
    assert (len(cache), cache.total_bytes, cache.get("e")) == (1, 100, "x" * 100)


def test_a_memo_is_bounded_in_bytes_too() -> None:
    calls: list[str] = []

    @memo(max_bytes=30, weigh=lambda args, value: len(args[0]))
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert [shout("abcdefghij"), shout("abcdefghij")] == ["ABCDEFGHIJ"] * 2
    assert calls == ["abcdefghij"]
    shout("k" * 15), shout("l" * 15)  # 10 + 15 + 15 > 30: the first goes
    shout("abcdefghij")
    assert calls == ["abcdefghij", "k" * 15, "l" * 15, "abcdefghij"]
    assert shout.cache.total_bytes == 25  # type: ignore[attr-defined]


def test_the_site_keeps_its_pages_within_its_byte_bound(engine: Engine, hostile: int) -> None:
    bound = 1_000_000
    app = create_app(engine, cache_bytes=bound)
    site = TestClient(app, raise_server_exceptions=False)
    with transaction(engine) as session:
        node_ids = list(session.scalars(select(m.Node.id).where(m.Node.plan_id == hostile).order_by(m.Node.position)))
    sizes = []
    for node in node_ids[:20]:
        page = site.get(f"/nodes/{node}")
        assert page.status_code == 200 and PHRASE * 10 in page.text
        sizes.append(sys.getsizeof(page.text))
        assert app.state.pages.total_bytes <= bound
    assert min(sizes) > 80_000  # its section of 40,000 characters, two bytes each
    assert 1 <= len(app.state.pages) <= bound // min(sizes) < 20  # the earlier pages were evicted
    assert browse.PLAN_CACHE.total_bytes <= browse.PLAN_CACHE.max_bytes
    small = create_app(engine, cache_bytes=min(sizes) - 1)
    page = TestClient(small, raise_server_exceptions=False).get(f"/nodes/{node_ids[0]}")
    assert page.status_code == 200 and (len(small.state.pages), small.state.pages.total_bytes) == (0, 0)  # served, not kept
