"""The importer on the five seed documents: every figure the specification names, pinned exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.domain.planfile import PlanDocument
from keikaku.importer.pipeline import extract_file


@pytest.fixture(scope="module")
def plans(seeds: Path) -> dict[str, PlanDocument]:
    return {p.name[:3]: extract_file(p).plan for p in sorted(seeds.glob("0*.txt"))}


def by_level(plan: PlanDocument, level: str):
    return [n for n in plan.nodes if n.level == level]


def section(node, heading: str):
    return next(s for s in node.sections if s.heading == heading)


def test_000_koganei_fifth_concept_and_first_basic_plan(plans) -> None:
    p = plans["000"]
    assert (p.title, p.kind, p.municipality, p.generation, p.half, p.status) == (
        "第5次小金井市基本構想・前期基本計画", "basic_plan", "小金井市", 5, "first", "adopted")
    assert p.vision == "いかそうみどり 増やそう笑顔 つなごう人の輪 小金井市"
    assert (p.period.start, p.period.end) == (2021, 2025)
    assert [(ph.label, ph.kind, ph.start, ph.end) for ph in p.phases] == [
        ("基本構想", "concept", 2021, 2030), ("前期基本計画", "basic_plan", 2021, 2025), ("後期基本計画", "basic_plan", 2026, 2030)]
    attitudes = by_level(p, "基本姿勢")
    assert [(a.name, a.title) for a in attitudes] == [
        ("市民生活の優先", "みんなの暮らしを大切にするまちづくり"),
        ("参加と協働", "みんなで進めるまちづくり"),
        ("持続可能なまち", "未来につなげるまちづくり"),
    ]
    policies = by_level(p, "政策")
    assert [(x.name, x.title) for x in policies] == [
        ("環境と都市基盤", "自然と都市が調和した人に優しいまち"),
        ("地域と経済", "安心して過ごせる暮らしやすいまち"),
        ("子どもと教育", "心豊かにのびのびと子どもが育つまち"),
        ("文化と生涯学習", "一人ひとりが自分らしく生きることができるまち"),
        ("福祉と健康", "誰もがいきいきと暮らすことのできるまち"),
        ("行政運営", "開かれた市政で誰もが信頼し合えるまち"),
    ]
    measures = by_level(p, "施策")
    assert [m.number for m in measures] == [str(n) for n in range(1, 30)]
    parent_name = {x.id: x.name for x in policies}
    per_policy = {}
    for m in measures:
        per_policy.setdefault(parent_name[m.parent], []).append(int(m.number))
    assert per_policy == {"環境と都市基盤": list(range(1, 8)), "地域と経済": list(range(8, 12)), "子どもと教育": list(range(12, 17)),
                          "文化と生涯学習": list(range(17, 22)), "福祉と健康": list(range(22, 27)), "行政運営": list(range(27, 30))}
    assert (measures[0].title, measures[24].title, measures[28].title) == ("みどりと水の環境整備", "障がい者福祉の充実", "計画的な行財政運営")
    directions = by_level(p, "方向性")
    per_policy_directions = {}
    for d in directions:
        per_policy_directions.setdefault(parent_name[d.parent], []).append(d.title)
    assert [len(v) for v in per_policy_directions.values()] == [3, 2, 3, 3, 3, 3]
    assert per_policy_directions["環境と都市基盤"] == ["豊かなみどりと水の保全と活用", "環境に配慮した社会の形成", "魅力的で快適な、人に優しいまちづくりの推進"]
    assert per_policy_directions["行政運営"][-1] == "選ばれるまちづくり"
    assert next(m for m in measures if m.number == "16").sections == []  # the page's running head is not a summary
    assert [(i.node, i.name, i.unit, i.direction, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in p.indicators] == [
        (None, "「住みやすい」と思う市民の割合", "%", "increase", 84.9, 2019, 100, 2025),
        (None, "「住み続けたい」と思う市民の割合", "%", "increase", 82.4, 2019, 100, 2025),
    ]


def test_001_kodaira_draft(plans) -> None:
    p = plans["001"]
    assert (p.title, p.kind, p.municipality, p.generation, p.status) == ("小平市第四次長期総合計画基本構想", "concept", "小平市", 4, "draft")
    assert p.status_label == "骨子案"  # the word it was printed with, not the generic 素案
    goals = by_level(p, "基本目標")
    assert [(g.number, g.name, g.subtitle) for g in goals] == [
        ("Ⅰ", "ひとづくり", "人が育ち、学び、新たな価値を創造するまち"),
        ("Ⅱ", "くらしづくり", "多様性を認めあい、つながり、共生するまち"),
        ("Ⅲ", "まちづくり", "自然と調和した、快適で、魅力あるまち"),
    ]
    policies = by_level(p, "方針")
    assert [(x.number, x.title) for x in policies] == [
        ("1", "子どもの育ちと自立を支援する"), ("2", "全世代、元気にはつらつと過ごす"), ("3", "まちの誇りを受け継ぎ、発展させる"),
        ("4", "誰もが尊重され、活躍できる社会の実現"), ("5", "様々な絆で支えあう"), ("6", "地域力をいかした地域づくり"),
        ("7", "水やみどりを保全・創出し、環境にやさしい循環型社会を形成する"), ("8", "安全で、住みやすいまちを形成する"),
        ("9", "地域資源をいかし、活力と交流を生み出す"),
    ]
    goal_of = {g.id: g.number for g in goals}
    assert [goal_of[x.parent] for x in policies] == ["Ⅰ"] * 3 + ["Ⅱ"] * 3 + ["Ⅲ"] * 3
    assert policies[5].fields == ["地域コミュニティ", "安全・安心"]
    # each placeholder reaches the policy it names; no running note or broken heading is taken for text
    assert [[(x.heading, x.text) for x in pol.sections] for pol in policies] == [
        [("概要", f"（方針 {n}の取組の方向性を記述します。）")] for n in range(1, 10)]
    assert [x.title for x in by_level(p, "基本目標横断プロジェクト")] == [
        "自助・共助・公助により、防災減災を強化します", "新たな地域拠点とコミュニティの創出に取り組みます"]
    assert [(d.number, d.title) for d in by_level(p, "方向性")] == [
        ("1", "地域資源の関与"), ("2", "将来に向けた財政運営、財産活用"), ("3", "運営・業務体制の効率化"), ("4", "職員と職場の活性化")]
    rows = p.individual_plans
    assert len(rows) == 32
    node_label = {n.id: n.number or n.title for n in p.nodes}
    assert [sum(1 for r in rows if node_label.get(r.node) == g) for g in ("Ⅰ", "Ⅱ", "Ⅲ", "自治体経営方針")] == [9, 8, 11, 4]
    as_tuples = {r.name: (r.adopted_year, (r.period.start, r.period.end) if r.period else None, r.department) for r in rows}
    assert as_tuples["第二期子ども・子育て支援事業計画"] == (2019, (2020, 2024), "子育て支援課")
    assert as_tuples["公立保育園の運営のあり方に関する方針"] == (2019, None, "保育課")
    assert as_tuples["国民保護計画"] == (2006, None, "防災危機管理課")
    assert as_tuples["用水路活用計画"] == (1994, None, "水と緑と公園課")
    assert as_tuples["公共施設マネジメント基本方針"] == (2015, (2016, 2062), "公共施設マネジメント課")
    assert as_tuples["特別支援教育総合推進計画（第二期）・前期計画"] == (2020, (2021, 2025), "指導課")
    assert as_tuples["アクティブプラン21（第三次小平市男女共同参画推進計画）"] == (2016, (2017, 2021), "市民協働・男女参画推進課")
    assert as_tuples["健康増進プラン"] == (2017, (2017, 2022), "健康推進課")


def test_002_koganei_fourth_measures(plans) -> None:
    p = plans["002"]
    assert (p.kind, p.municipality, p.period.start, p.period.end) == ("basic_plan", "小金井市", 2016, 2020)
    area = by_level(p, "分野")
    assert [(a.number, a.title, a.name) for a in area] == [("2", "ふれあいと活力のあるまち", "地域と経済")]
    measures = by_level(p, "施策")
    assert [m.number for m in measures] == ["20", "21", "22", "23", "24", "25", "B-0"] + [str(n) for n in range(26, 36)]
    assert {m.parent for m in measures} == {area[0].id}
    m25 = next(m for m in measures if m.number == "25")
    assert m25.title == "防犯体制の強化"
    assert [s.heading for s in m25.sections] == ["現況と課題", "施策の方向性"]
    assert section(m25, "現況と課題").text.startswith("小金井市内の犯罪発生件数は、近年減少傾向にあるものの")
    b0 = next(m for m in measures if m.number == "B-0")
    assert (b0.title, [s.heading for s in b0.sections]) == ("産業振興プランの計画的推進", ["計画の目標、目指す姿、理念"])

    number = {m.id: m.number for m in measures}
    got = [(number[i.node], i.name, i.unit, i.direction, i.baseline.value, i.baseline.year, i.baseline.text,
            i.target.value, i.target.year, i.target.text) for i in p.indicators]
    assert got == [
        ("20", "市民協働支援センター準備室の相談件数", "件", "increase", 71, 2014, "71件", 100, 2020, "100件"),
        ("21", "地域情報発信サイトの市ホームページへの連携", None, "qualitative", None, 2014, "－", None, 2020, "拡充"),
        ("22", "新たな危機管理体制の強化", None, "qualitative", None, 2014, "－", None, 2020, "体制強化"),
        ("23", "自主防災組織の数", "団体", "increase", 27, 2014, "27団体", 30, 2020, "30団体"),
        ("24", "新型防火衣の整備状況", "%", "increase", 18.8, 2014, "18.8％", 100, 2020, "100%"),
        ("25", "刑法犯の認知件数", "件", "decrease", 1070, 2014, "1,070件", 999, 2020, "999件"),
        ("B-0", "産業振興プランの達成率（平成 28年度～32年度）", "%", "increase", None, 2014, "－", 80, 2020, "80%"),
        ("26", "東小金井事業創造センター卒所予定者の市内定着率", "%", "increase", None, 2014, "-", 50, 2020, "50%"),
        ("27", "補助金交付終了後市内定着事業所数", "事業所", "increase", 10, 2014, "10事業所", 17, 2020, "17事業所"),
        ("27", "開業資金融資件数", "件", "increase", 5, 2014, "５件", 8, 2020, "８件"),
        ("28", "小売業の年間商品販売額", "億円", "maintain", 650, 2014, "650億円", None, 2020, "維持"),
        ("29", "桜まつりなどの来場者数", "人", "increase", 221000, 2014, "約 221,000人", 390000, 2020, "390,000人"),
        ("29", "観光協会ホームページアクセス数", "件", "increase", 74982, 2014, "74,982件", 113000, 2020, "113,000件"),
        ("30", "１事業所当たりの製造品出荷額等", "円", "maintain", 311000000, 2014, "3億 1,100万円", None, 2020, "維持"),
        ("31", "経営耕地面積", "a", "maintain", 8413, 2014, "8,413a", None, 2020, "維持"),
        ("32", "市民農園・体験農園の面積", "㎡", "increase", 10989, 2014, "10,989㎡", 12489, 2020, "12,489㎡"),
        ("33", "消費者啓発活動への参加人数", "人", "increase", 2160, 2014, "2,160人", 2650, 2020, "2,650人"),
        ("34", "勤労者福祉サービスセンター登録事業所数", "事業所", "increase", 688, 2014, "688事業所", 702, 2020, "702事業所"),
        ("35", "こがねい仕事ネットアクセス件数", "件", "increase", 59563, 2014, "59,563件", 72900, 2020, "72,900件"),
    ]
    notes = {i.name: i.notes for i in p.indicators if i.notes}
    assert notes == {
        "桜まつりなどの来場者数": ["※１ 桜まつり、阿波おどり、お月見のつどい", "※２ 開花時期や天候不良による"],
        "こがねい仕事ネットアクセス件数": ["※ＰＣ版・携帯版の年間利用者数の合計"],
    }

    years = list(range(2016, 2021))
    schedules = {pr.name: [pr.schedule.get(y) for y in years] for pr in p.projects}
    assert len(p.projects) == 16
    assert schedules["（仮称）市民協働支援センターの整備"] == ["推進"] * 5
    assert schedules["地域情報サイトとの連携"] == ["検討", "検討", "実施", "拡充", "拡充"]
    assert schedules["こがねいし安全・安心あいさつ運動の充実"] == ["充実"] * 5
    assert schedules["農工大・多摩小金井ベンチャーポート家賃補助の継続"] == ["継続"] * 5
    assert schedules["勤労者福祉サービスセンター事業に対する支援の充実"] == ["充実"] * 5
    assert schedules["市民農園・体験農園の拡充"] == ["推進"] * 5
    assert [number[pr.node] for pr in p.projects] == [str(n) for n in range(20, 36)]

    actions = [(number[a.node], a.number, a.title, len(a.items)) for a in p.actions]
    assert len(actions) == 44
    assert actions[:5] == [("20", "(1)", "（仮称）市民協働支援センター等の整備・充実", 2), ("20", "(2)", "協働の意識啓発", 1),
                           ("20", "(3)", "協働の仕組みづくり", 4), ("20", "(4)", "大学・企業・市民活動団体などの地域活動の促進", 1),
                           ("21", "(1)", "地域連携の推進", 2)]
    m25_actions = [a for a in p.actions if number[a.node] == "25"]
    assert [(a.number, a.title, len(a.items)) for a in m25_actions] == [("(1)", "防犯意識の向上", 1), ("(2)", "防犯対策の推進", 4)]
    assert m25_actions[1].items[1].startswith("防犯対策推進のため、「こきんちゃんあいさつ運動」")
    assert m25_actions[1].items[1].endswith("地域安全活動を支援します。")
    per_measure = {}
    for a in p.actions:
        per_measure[number[a.node]] = per_measure.get(number[a.node], 0) + 1
    assert per_measure == {"20": 4, "21": 1, "22": 4, "23": 3, "24": 2, "25": 2, "26": 2, "27": 3, "28": 5, "29": 2,
                           "30": 3, "31": 5, "32": 2, "33": 3, "34": 1, "35": 2}


def test_003_kodaira_final_concept(plans) -> None:
    p = plans["003"]
    assert (p.title, p.kind, p.municipality, p.generation, p.status) == ("小平市第四次長期総合計画基本構想", "concept", "小平市", 4, "adopted")
    assert p.status_label is None
    assert p.vision == "つながり、共に創るまち こだいら"
    assert (p.period.start, p.period.end) == (2021, 2032)  # 令和14年のありたい姿, 12年間
    principles = [s for s in p.sections if s.heading == "基本的な理念" and s.items and s.items[0].startswith("私たちは")]
    assert len(principles) == 1 and len(principles[0].items) == 2
    goals = by_level(p, "基本目標")
    assert [(g.number, g.name, g.subtitle, len(section(g, "令和14年のありたい姿").items)) for g in goals] == [
        ("Ⅰ", "ひとづくり", "人が育ち、学び、新たな価値を創造するまち", 6),
        ("Ⅱ", "くらしづくり", "多様性を認めあい、つながり、共生するまち", 6),
        ("Ⅲ", "まちづくり", "自然と調和した、美しく快適で、魅力あるまち", 8),
    ]
    policies = by_level(p, "方針")
    assert [(x.number, x.title, x.fields, len(section(x, "12年間の取組の視点").items)) for x in policies] == [
        ("1", "全ての子どもの育ちと自立を支援する", ["子育て支援", "学校教育", "若者活躍"], 6),
        ("2", "全世代が元気にはつらつと過ごす", ["健康づくり", "スポーツ", "生涯の学び"], 4),
        ("3", "まちの誇りを受け継ぎ、発展させる", ["歴史", "文化芸術"], 4),
        ("4", "お互いに尊重し、活躍できる社会の実現", ["男女共同参画", "障がい者支援", "多文化共生"], 5),
        ("5", "地域の絆で支えあう", ["介護", "保健福祉", "生活支援"], 4),
        ("6", "誰もが安心と生きがいを持つ地域づくり", ["地域コミュニティ", "安全・安心"], 5),
        ("7", "水や緑を保全・創出し、環境にやさしい循環共生型の社会を形成する", ["緑", "環境", "資源循環"], 2),
        ("8", "安全安心で快適な、住みやすいまちを形成する", ["市街地整備", "道路", "交通"], 5),
        ("9", "地域資源をいかし、活力と交流を生み出す", ["商工業", "都市農業", "観光"], 5),
    ]
    mgmt = by_level(p, "自治体経営方針")
    assert len(mgmt) == 1
    assert [(d.number, d.title, d.parent) for d in by_level(p, "方向性")] == [
        ("1", "地域資源によるサービスの実現", mgmt[0].id), ("2", "将来に向けた財政運営・財産活用", mgmt[0].id),
        ("3", "運営・業務執行体制の効率化", mgmt[0].id), ("4", "職員と職場の活性化", mgmt[0].id)]
    projects = by_level(p, "プロジェクト")
    assert [(x.number, x.title) for x in projects] == [
        ("1", "自助・共助・公助により、防災・減災を強化します"), ("2", "新たな地域拠点とコミュニティの創出に取り組みます")]
    for x in projects:
        views = [s.heading for s in x.sections if s.heading.endswith("の視点")]
        assert views == ["ひとづくりの視点", "くらしづくりの視点", "まちづくりの視点", "自治体経営の視点"]


def test_004_koganei_industry_plan(plans) -> None:
    p = plans["004"]
    assert (p.title, p.kind, p.municipality, p.period.start, p.period.end) == ("小金井市産業振興プラン", "sectoral", "小金井市", 2021, 2025)
    goal = by_level(p, "目標")
    assert [g.title for g in goal] == ["まちの活気を生み出す"]
    assert [d.title for d in by_level(p, "方向性")] == [
        "まちにブランド感を感じること", "暮らしていて楽しいこと", "まちを盛り上げる人が多いこと", "人と人との関係が深いこと", "安心して出かけられること"]
    views = by_level(p, "視点")
    assert [v.title for v in views] == ["活気の源である「ひと」を増やし、「こと」「ところ」を生み出す",
                                        "「ひと」を増やし、「こと」「ところ」を生み出す「仕組み」をつくる"]
    mechanisms = by_level(p, "仕組み")
    assert [(m.number, m.title, m.parent) for m in mechanisms] == [
        ("1)", "地域の人たちがつながり、育っていく仕組み", views[1].id), ("2)", "新たな参画を促し、つながりを広げ、深める仕組み", views[1].id),
        ("3)", "事業・活動を目に触れさせ、その魅力に気づく仕組み", views[1].id), ("4)", "事業・活動を継続していくための仕組み", views[1].id)]
    policies = by_level(p, "方針")
    assert [(x.number, x.title) for x in policies] == [
        ("➊", "住みたい・働きたい・訪れたいと思うような魅力を磨く"), ("➋", "暮らしていて楽しい、訪れて楽しいと思える魅力を数多く生み出す"),
        ("➌", "魅力を生み出し、発信する人と出会い、増やす"), ("➍", "魅力を生み出す人をつなげ、応援する人もつなげる"),
        ("➎", "誰もが安心して出かけられる環境をつくる"), ("❻", "事業・活動を継続していくための仕組みをつくる")]
    children = {x.number: [(c.level, c.number, c.title) for c in p.nodes if c.parent == x.id] for x in policies}
    assert [len(children[x.number]) for x in policies] == [4, 4, 4, 4, 4, 4]
    assert children["➋"] == [("既存事業", None, "地域でのイベントに対する支援"), ("事例", None, "市立公園の利活用（キッチンカーの出店）"),
                            ("アイデア", "A", "道草市のプラットフォーム化"), ("アイデア", "B", "地産地消の取組の促進")]
    assert [c[1] for c in children["➎"] if c[0] == "アイデア"] == ["A", "B", "C"]
    ideas = {n.id: n for n in by_level(p, "アイデア")}
    assert len(ideas) == 14 and sum(1 for n in ideas.values() if n.fields == ["仕組みづくり"]) == 6
    idea_roles = [r for r in p.roles if r.node in ideas]
    assert len(idea_roles) == 38
    first = ideas[idea_roles[0].node]
    assert first.title == "市内農産物のブランド化"
    assert [(r.actor, r.role) for r in idea_roles if r.node == first.id][:2] == [
        ("農業者", "特徴的な農産物の生産、商業者との連携"), ("商業者", "商品開発、農業者との連携")]
    plan_roles = [r for r in p.roles if r.node is None]
    assert [a for a in dict.fromkeys(r.actor for r in plan_roles)] == [
        "事業者", "商店会", "商工会", "観光まちおこし協会", "農業者、JA、農業振興連合会", "市民、市民団体・地域団体、大学等", "市"]
    assert len(plan_roles) == 29
    assert [(i.name, i.node) for i in p.indicators] == [("まちに活気があると感じる市民の割合", goal[0].id)]
