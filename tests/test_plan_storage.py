"""Plans in the database: every seed's shape round-trips, loads are idempotent, bad input writes nothing."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from keikaku.domain.errors import KeikakuError, MunicipalityCodeError, NotFoundError, PlanFileError
from keikaku.domain.planfile import PlanDocument, parse_plan_document
from keikaku.services import plans as svc
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from seed_shapes import ALL_SHAPES

ROW_TABLES = [m.Municipality, m.Department, m.Plan, m.PlanPhase, m.PlanSection, m.Node, m.NodeSection, m.NodeDepartment,
              m.NodeSdg, m.NodeLink, m.Indicator, m.InterimTarget, m.Observation, m.Project, m.ProjectStage, m.Action,
              m.IndividualPlan, m.ActorRole]


def row_counts(engine: Engine) -> dict[str, int]:
    with transaction(engine) as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in ROW_TABLES}


def canonical(data: dict) -> dict:
    return PlanDocument.model_validate(data).to_json_dict()


def load(engine: Engine, data: dict) -> svc.LoadResult:
    return svc.load_plan(engine, parse_plan_document(copy.deepcopy(data)))


@pytest.mark.parametrize("seed", sorted(ALL_SHAPES))
def test_seed_shape_round_trips(engine: Engine, seed: str) -> None:
    data = ALL_SHAPES[seed]()
    result = load(engine, data)
    assert result.outcome is svc.LoadOutcome.CREATED
    assert svc.dump_plan(engine, result.plan_id).to_json_dict() == canonical(data)
    assert svc.dump_plan(engine, data["key"]).to_json_dict() == canonical(data)


def test_all_seed_shapes_together_and_idempotent(engine: Engine) -> None:
    for seed in sorted(ALL_SHAPES):
        load(engine, ALL_SHAPES[seed]())
    before = row_counts(engine)
    assert before["plans"] == 5
    assert before["municipalities"] == 2  # 小金井市 and 小平市, known from the start
    for seed in sorted(ALL_SHAPES):
        assert load(engine, ALL_SHAPES[seed]()).outcome is svc.LoadOutcome.UNCHANGED
    assert row_counts(engine) == before
    listed = svc.list_plans(engine)
    assert [(p.municipality.code, p.kind, p.period) for p in listed] == [
        ("132101", "basic_plan", (2016, 2020)),
        ("132101", "comprehensive", (2021, 2030)),
        ("132101", "sectoral", (2021, 2025)),
        ("132110", "concept", (2021, 2032)),
        ("132110", "concept", (2021, 2032)),
    ]
    assert [p.key for p in svc.list_plans(engine, municipality="小平市")] == ["132110:4th-concept:draft", "132110:4th-concept"]
    assert len(svc.list_plans(engine, municipality="132101")) == 3


def test_koganei_measure_25_figures_in_the_database(engine: Engine) -> None:
    load(engine, ALL_SHAPES["002"]())
    with transaction(engine) as s:
        ind = s.scalar(select(m.Indicator).where(m.Indicator.name == "刑法犯の認知件数"))
        node = s.get(m.Node, ind.node_id)
        assert (node.number, node.title, node.level) == ("25", "防犯体制の強化", "施策")
        assert (ind.baseline_value, ind.baseline_year, ind.target_value, ind.target_year) == (1070, 2014, 999, 2020)
        assert ind.direction == "decrease" and ind.unit == "件"
        # measures sort by their printed number, B-0 after 35
        numbers = s.scalars(select(m.Node.number).where(m.Node.level == "施策").order_by(m.Node.sort_key)).all()
        assert numbers == [str(n) for n in range(20, 36)] + ["B-0"]
        stages = s.execute(
            select(m.ProjectStage.year, m.ProjectStage.stage).join(m.Project).where(m.Project.name == "地域情報サイトとの連携")
            .order_by(m.ProjectStage.year)
        ).all()
        assert stages == [(2016, "検討"), (2017, "検討"), (2018, "実施"), (2019, "拡充"), (2020, "拡充")]
        maintain = s.scalar(select(m.Indicator).where(m.Indicator.name == "１事業所当たりの製造品出荷額等"))
        assert (maintain.baseline_value, maintain.target_value, maintain.target_text) == (311000000, None, "維持")
        sakura = s.scalar(select(m.Indicator).where(m.Indicator.name == "桜まつりなどの来場者数"))
        assert len(sakura.notes) == 2 and sakura.baseline_text == "約 221,000人"


def test_kodaira_registry_and_draft_links(engine: Engine) -> None:
    load(engine, ALL_SHAPES["001"]())
    load(engine, ALL_SHAPES["003"]())
    with transaction(engine) as s:
        row = s.scalar(select(m.IndividualPlan).where(m.IndividualPlan.name == "公共施設マネジメント基本方針"))
        assert (row.adopted_year, row.period_start, row.period_end, row.department.name) == (2015, 2016, 2062, "公共施設マネジメント課")
        assert s.scalar(select(m.IndividualPlan).where(m.IndividualPlan.name == "国民保護計画")).period_start is None
        links = s.execute(select(m.NodeLink.type, m.NodeLink.target_plan_key).where(m.NodeLink.type == "revised_as")).all()
        assert links == [("revised_as", "132110:4th-concept")] * 9
        goals = s.execute(
            select(m.Node.number, m.Node.name).join(m.Plan).where(m.Plan.key == "132110:4th-concept", m.Node.level == "基本目標")
            .order_by(m.Node.sort_key)
        ).all()
        assert goals == [("Ⅰ", "ひとづくり"), ("Ⅱ", "くらしづくり"), ("Ⅲ", "まちづくり")]
        fields = s.scalar(select(m.Node.fields).join(m.Plan).where(m.Plan.key == "132110:4th-concept", m.Node.key == "p9"))
        assert fields == ["商工業", "都市農業", "観光"]


def test_seed_facts_appear_in_the_seed_documents(seeds: Path) -> None:
    """The figures the shapes pin are the seeds' own (checked against the text, spaces folded)."""
    def text(prefix: str) -> str:
        raw = next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
        return "".join(unicodedata.normalize("NFKC", raw).split())

    t000, t001, t002, t003, t004 = (text(p) for p in ("000", "001", "002", "003", "004"))
    assert "84.9%" in t000 and "82.4%" in t000 and "いかそうみどり増やそう笑顔つなごう人の輪小金井市" in t000
    for measure in ("みどりと水の環境整備", "計画的な行財政運営", "障がい者福祉の充実"):
        assert measure in t000
    assert "刑法犯の認知件数1,070件999件" in t002
    assert "3億1,100万円維持" in t002 and "10,989m212,489m2" in t002  # NFKC folds ㎡
    assert "地域情報サイトとの連携検討→実施拡充→" in t002
    assert "公共施設マネジメント基本方針平成27年度平成28年度~令和44年度公共施設マネジメント課" in t001
    assert "つながり、共に創るまちこだいら" in t003
    assert "まちに活気があると感じる市民の割合" in t004


def test_example_city_round_trips_exactly(engine: Engine) -> None:
    files = svc.example_files()
    assert [f.name for f in files] == ["kaede-comprehensive-plan.json", "kaede-industry-plan.json"]
    for f in files:
        result = svc.load_plan_file(engine, f)
        assert result.outcome is svc.LoadOutcome.CREATED
        assert svc.dump_plan(engine, result.key).to_json_dict() == canonical(json.loads(f.read_text(encoding="utf-8")))
    with transaction(engine) as s:
        muni = s.scalar(select(m.Municipality).where(m.Municipality.code == "990019"))
        assert (muni.name, muni.fictional) == ("かえで市", True)
        assert s.scalar(select(func.count()).select_from(m.Observation)) == 65
        assert s.scalar(select(func.count(func.distinct(m.Observation.year)))) == 4


def test_changed_document_replaces_the_plan(engine: Engine) -> None:
    data = ALL_SHAPES["002"]()
    first = load(engine, data)
    data["indicators"][4]["actuals"] = [{"year": 2016, "value": 1012, "text": "1,012件"}]
    data["nodes"] = [n for n in data["nodes"] if n["id"] != "m35"]
    second = load(engine, data)
    assert (second.outcome, second.plan_id) == (svc.LoadOutcome.UPDATED, first.plan_id)
    assert svc.dump_plan(engine, first.plan_id).to_json_dict() == canonical(data)
    counts = row_counts(engine)
    assert (counts["plans"], counts["nodes"], counts["observations"]) == (1, 17, 1)


def test_plan_tree_and_node_detail(engine: Engine) -> None:
    load(engine, ALL_SHAPES["002"]())
    tree = svc.plan_tree(engine, "132101:4th-basic-plan")
    assert [n.number for n in tree.roots] == ["2"]
    assert [c.number for c in tree.roots[0].children][:8] == ["20", "21", "22", "23", "24", "25", "B-0", "26"]
    m25 = next(c for c in tree.roots[0].children if c.number == "25")
    assert (m25.indicators, m25.projects, m25.actions) == (1, 1, 2)
    detail = svc.node_detail(engine, "132101:4th-basic-plan", "25")
    assert detail.node.title == "防犯体制の強化"
    assert [a.number for a in detail.actions] == ["(1)", "(2)"]
    assert detail.indicators[0].target.value == 999
    assert svc.node_detail(engine, "132101:4th-basic-plan", "B-0").node.id == "b0"
    with pytest.raises(NotFoundError, match="no node '99'"):
        svc.node_detail(engine, "132101:4th-basic-plan", "99")
    with pytest.raises(NotFoundError, match="no plan 'nope'"):
        svc.plan_tree(engine, "nope")


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["nodes"][3].update(parent="nowhere"), "nodes[3].parent: no node with id 'nowhere'"),
        (lambda d: d["indicators"][0].update(node="m99"), "indicators[0].node: no node with id 'm99'"),
        (lambda d: d["nodes"][2].update(id="m20"), "nodes[2].id: duplicate node id 'm20'"),
        (lambda d: d["indicators"][1].update(direction="sideways"), "indicators[1].direction: Input should be"),
        (lambda d: d["nodes"][1].update(sdgs=[18]), "nodes[1].sdgs[0]: Input should be less than or equal to 17"),
        (lambda d: d.update(period={"start": 2020, "end": 2016}), "period: Value error, end 2016 is before start 2020"),
        (lambda d: d["projects"][0]["schedule"].update({"year": "推進"}), "projects[0].schedule.year[key]"),
        (lambda d: d.pop("title"), "title: Field required"),
        (lambda d: d["nodes"][0].update(colour="red"), "nodes[0].colour: Extra inputs are not permitted"),
        (lambda d: d["nodes"][0].update(parent="m20") or d["nodes"][1].update(parent="area2"), "cycle through node"),
        (lambda d: d["indicators"][4].update(actuals=[{"year": 2016, "value": 1}, {"year": 2016, "value": 2}]),
         "indicators[4].actuals[1].year: duplicate year 2016"),
    ],
)
def test_bad_documents_name_path_and_field_and_write_nothing(engine: Engine, mutate, expected: str) -> None:
    data = ALL_SHAPES["002"]()
    mutate(data)
    before = row_counts(engine)
    with pytest.raises(PlanFileError) as info:
        load(engine, data)
    assert expected in str(info.value)
    assert row_counts(engine) == before


def test_failure_after_writing_started_rolls_back_everything(engine: Engine) -> None:
    load(engine, ALL_SHAPES["002"]())
    before = row_counts(engine)
    data = ALL_SHAPES["002"]()
    data.update(municipality="千代田区", municipality_code="131016")
    with pytest.raises(PlanFileError, match="plan key belongs to another municipality"):
        load(engine, data)
    assert row_counts(engine) == before  # 千代田区 was created inside the transaction, then rolled back


@pytest.mark.parametrize(
    ("municipality", "error", "message"),
    [
        ((None, "132102"), MunicipalityCodeError, "check digit is 2, expected 1"),
        (("架空町", None), NotFoundError, "unknown municipality '架空町'"),
        ((None, "131016"), NotFoundError, "give its name as well"),
        (("小平市", "132101"), KeikakuError, "municipality 132101 is 小金井市, not 小平市"),
        ((None, None), KeikakuError, "names no municipality"),
    ],
)
def test_municipality_problems(engine: Engine, municipality, error, message: str) -> None:
    data = ALL_SHAPES["002"]()
    data["municipality"], data["municipality_code"] = municipality
    with pytest.raises(error, match=message):
        load(engine, data)
    assert row_counts(engine)["plans"] == 0


def test_status_label_round_trips_and_is_one_short_word(engine: Engine) -> None:
    data = ALL_SHAPES["001"]()
    result = load(engine, data)
    assert svc.dump_plan(engine, result.plan_id).status_label == "骨子案"
    assert [p.status_label for p in svc.list_plans(engine)] == ["骨子案"]
    data["status_label"] = "素案"
    assert load(engine, data).outcome is svc.LoadOutcome.UPDATED
    assert svc.dump_plan(engine, result.plan_id).status_label == "素案"
    for bad, message in [("骨子\n案", "one line"), ("案" * 21, "at most 20"), (" 案", "surrounding spaces")]:
        with pytest.raises(PlanFileError, match=message):
            parse_plan_document({**data, "status_label": bad})
    with pytest.raises(PlanFileError, match="status_label: .*the word of a draft, but status is 'adopted'"):
        parse_plan_document({**data, "status": "adopted"})


def test_new_municipality_by_code_and_default_key(engine: Engine) -> None:
    data = ALL_SHAPES["002"]()
    data.pop("key")
    data.update(municipality="千代田区", municipality_code="131016")
    result = load(engine, data)
    assert result.key == "131016:第4次小金井市基本構想・後期基本計画"
    with transaction(engine) as s:
        assert s.scalar(select(m.Municipality.prefecture).where(m.Municipality.code == "131016")) == "東京都"
    data["status"] = "draft"
    assert load(engine, data).key.endswith(":draft")


def test_municipality_option_fills_a_file_without_one(engine: Engine) -> None:
    data = ALL_SHAPES["002"]()
    data.update(municipality=None, municipality_code=None)
    result = svc.load_plan(engine, parse_plan_document(data), municipality="小金井市")
    assert svc.dump_plan(engine, result.plan_id).municipality_code == "132101"
    data["municipality"] = "小平市"
    with pytest.raises(PlanFileError, match="the file names 小平市, not 小金井市"):
        svc.load_plan(engine, parse_plan_document(data), municipality="132101")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"{\"title\": ", "line 1 column 11: not valid JSON"),
        (b"[1, 2]", "a plan file must hold one JSON object"),
        ("{\"title\": \"計画\"}".encode("cp932"), "not UTF-8 text"),
        (b"\x00\x01\x02binary", "not valid JSON"),
    ],
)
def test_unreadable_files(engine: Engine, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as info:
        svc.load_plan_file(engine, path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_missing_and_oversized_files(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PlanFileError, match="cannot read file"):
        svc.load_plan_file(engine, tmp_path / "absent.json")
    path = tmp_path / "big.json"
    path.write_text(json.dumps(ALL_SHAPES["002"]()), encoding="utf-8")
    monkeypatch.setattr(svc, "MAX_PLAN_FILE_BYTES", 100)
    with pytest.raises(PlanFileError, match="the limit is 100"):
        svc.load_plan_file(engine, path)
