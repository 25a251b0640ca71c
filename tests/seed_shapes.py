"""Hand-built plan files mirroring the shape of each seed document in ../shared/seeds.

Names and figures are the seeds' facts; text bodies are short placeholders, not the seeds' prose.
"""

from __future__ import annotations

from typing import Any

KOGANEI = {"municipality": "小金井市", "municipality_code": "132101"}
KODAIRA = {"municipality": "小平市", "municipality_code": "132110"}
BODY = "（本文）"


def node(id: str, level: str, title: str, *, parent: str | None = None, number: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": id, "parent": parent, "level": level, "number": number, "title": title, **extra}


def section(heading: str, *items: str, text: str | None = BODY) -> dict[str, Any]:
    return {"heading": heading, "text": text, "items": list(items)}


def value(v: float | None, year: int | None, text: str) -> dict[str, Any]:
    return {"value": v, "year": year, "text": text}


# --- 000: Koganei 5th basic concept + first basic plan + 2nd strategy -----------------------
KOGANEI_POLICIES = [
    ("環境と都市基盤", "自然と都市が調和した人に優しいまち", range(1, 8)),
    ("地域と経済", "安心して過ごせる暮らしやすいまち", range(8, 12)),
    ("子どもと教育", "心豊かにのびのびと子どもが育つまち", range(12, 17)),
    ("文化と生涯学習", "一人ひとりが自分らしく生きることができるまち", range(17, 22)),
    ("福祉と健康", "誰もがいきいきと暮らすことのできるまち", range(22, 27)),
    ("行政運営", "開かれた市政で誰もが信頼し合えるまち", range(27, 30)),
]
KOGANEI_MEASURES = {
    1: "みどりと水の環境整備", 2: "循環型社会の形成", 3: "環境保全の推進", 4: "市街地の整備", 5: "住環境の整備",
    6: "都市インフラの整備", 7: "交通環境の整備", 8: "危機管理体制の構築", 9: "地域の安全・安心の向上",
    10: "産業・観光の振興", 11: "都市農業の振興", 12: "子どもの育ちの支援", 13: "子育て家庭の支援",
    14: "子育て・子育て環境の充実", 15: "学校教育の充実", 16: "学校環境の整備", 17: "芸術文化の振興",
    18: "国際交流・都市間交流の推進", 19: "人権・平和・男女共同参画の尊重", 20: "生涯学習の振興",
    21: "スポーツの振興", 22: "福祉のまちづくりの推進", 23: "高齢者の生きがいの充実",
    24: "高齢者が暮らし続ける仕組みの充実", 25: "障がい者福祉の充実", 26: "健康の維持・増進",
    27: "市民参加・協働の推進", 28: "積極的な情報発信", 29: "計画的な行財政運営",
}


def koganei_fifth() -> dict[str, Any]:
    nodes = [
        node("att1", "基本姿勢", "みんなの暮らしを大切にするまちづくり", name="市民生活の優先"),
        node("att2", "基本姿勢", "みんなで進めるまちづくり", name="参加と協働"),
        node("att3", "基本姿勢", "未来につなげるまちづくり", name="持続可能なまち"),
    ]
    for i, (name, title, measures) in enumerate(KOGANEI_POLICIES, start=1):
        nodes.append(node(f"pol{i}", "政策", title, number=str(i), name=name, sections=[section("取組方針")]))
        for n in measures:
            nodes.append(node(f"m{n}", "施策", KOGANEI_MEASURES[n], parent=f"pol{i}", number=str(n), sdgs=[11] if n <= 7 else []))
    return {
        "key": "132101:5th-concept-first-basic-plan",
        **KOGANEI,
        "title": "第5次小金井市基本構想・前期基本計画",
        "kind": "comprehensive", "generation": 5, "half": "first", "status": "adopted",
        "period": {"start": 2021, "end": 2030},
        "phases": [
            {"label": "基本構想", "kind": "concept", "start": 2021, "end": 2030},
            {"label": "前期基本計画", "kind": "basic_plan", "start": 2021, "end": 2025},
            {"label": "後期基本計画", "kind": "basic_plan", "start": 2026, "end": 2030},
            {"label": "第2期まち・ひと・しごと創生総合戦略", "kind": "strategy", "start": 2021, "end": 2025},
        ],
        "vision": "いかそうみどり 増やそう笑顔 つなごう人の輪 小金井市",
        "nodes": nodes,
        "indicators": [
            {"node": None, "name": "「住みやすい」と思う市民の割合", "unit": "%", "direction": "increase",
             "baseline": value(84.9, 2019, "84.9%"), "target": value(100, 2025, "100%")},
            {"node": None, "name": "「住み続けたい」と思う市民の割合", "unit": "%", "direction": "increase",
             "baseline": value(82.4, 2019, "82.4%"), "target": value(100, 2025, "100%")},
        ],
    }


# --- 002: Koganei 4th basic plan, measures 20-35 and B-0 -----------------------------------
def koganei_fourth_pages() -> dict[str, Any]:
    nodes = [node("area2", "基本目標", "ふれあいと活力のあるまち", number="2", fields=["地域と経済"])]
    titles = {20: "協働のまちづくりの推進", 21: "地域情報ネットワークの推進", 22: "危機管理体制の構築", 23: "防災コミュニティづくり",
              24: "防災機能の強化", 25: "防犯体制の強化", 26: "産業基盤の整備", 27: "創造的産業の支援", 28: "商業環境の整備",
              29: "地域資源をいかした観光の推進", 30: "工業の振興", 31: "農業基盤の確立", 32: "農業との交流促進",
              33: "安全・安心な消費生活支援", 34: "勤労者福祉の向上", 35: "雇用機会の拡大"}
    for n, title in titles.items():
        nodes.append(node(f"m{n}", "施策", title, parent="area2", number=str(n),
                          sections=[section("現況と課題"), section("施策の方向性")]))
    nodes.insert(7, node("b0", "施策", "産業振興プランの計画的推進", parent="area2", number="B-0",
                         sections=[section("計画の目標、目指す姿、理念")]))
    base, goal = 2014, 2020
    indicators = [
        {"node": "m20", "name": "市民協働支援センター準備室の相談件数", "unit": "件", "direction": "increase",
         "baseline": value(71, base, "71件"), "target": value(100, goal, "100件")},
        {"node": "m21", "name": "地域情報発信サイトの市ホームページへの連携", "direction": "qualitative",
         "baseline": value(None, base, "－"), "target": value(None, goal, "拡充")},
        {"node": "m22", "name": "新たな危機管理体制の強化", "direction": "qualitative",
         "baseline": value(None, base, "－"), "target": value(None, goal, "体制強化")},
        {"node": "m24", "name": "新型防火衣の整備状況", "unit": "%", "direction": "increase",
         "baseline": value(18.8, base, "18.8％"), "target": value(100, goal, "100%")},
        {"node": "m25", "name": "刑法犯の認知件数", "unit": "件", "direction": "decrease",
         "baseline": value(1070, base, "1,070件"), "target": value(999, goal, "999件")},
        {"node": "b0", "name": "産業振興プランの達成率（平成28年度～32年度）", "unit": "%", "direction": "increase",
         "baseline": value(None, base, "－"), "target": value(80, goal, "80%")},
        {"node": "m28", "name": "小売業の年間商品販売額", "unit": "億円", "direction": "maintain",
         "baseline": value(650, base, "650億円"), "target": value(None, goal, "維持")},
        {"node": "m29", "name": "桜まつりなどの来場者数", "unit": "人", "direction": "increase",
         "baseline": value(221000, base, "約 221,000人"), "target": value(390000, goal, "390,000人"),
         "notes": ["※１ 桜まつり、阿波おどり、お月見のつどい", "※２ 開花時期や天候不良による"]},
        {"node": "m30", "name": "１事業所当たりの製造品出荷額等", "unit": "円", "direction": "maintain",
         "baseline": value(311000000, base, "3億 1,100万円"), "target": value(None, goal, "維持")},
        {"node": "m31", "name": "経営耕地面積", "unit": "a", "direction": "maintain",
         "baseline": value(8413, base, "8,413a"), "target": value(None, goal, "維持")},
        {"node": "m32", "name": "市民農園・体験農園の面積", "unit": "㎡", "direction": "increase",
         "baseline": value(10989, base, "10,989㎡"), "target": value(12489, goal, "12,489㎡")},
    ]
    years = range(2016, 2021)
    projects = [
        {"node": "m21", "name": "地域情報サイトとの連携", "schedule": dict(zip(years, ["検討", "検討", "実施", "拡充", "拡充"]))},
        {"node": "m25", "name": "こがねいし安全・安心あいさつ運動の充実", "schedule": {y: "充実" for y in years}},
        {"node": "m27", "name": "農工大・多摩小金井ベンチャーポート家賃補助の継続", "schedule": {y: "継続" for y in years}},
    ]
    actions = [
        {"node": "m25", "number": "(1)", "title": "防犯意識の向上", "items": ["項目1"]},
        {"node": "m25", "number": "(2)", "title": "防犯対策の推進", "items": ["項目1", "項目2", "項目3", "項目4"]},
        {"node": "m20", "number": "(4)", "title": "大学・企業・市民活動団体などの地域活動の促進", "items": ["項目1"]},
    ]
    return {"key": "132101:4th-basic-plan", **KOGANEI, "title": "第4次小金井市基本構想・後期基本計画",
            "kind": "basic_plan", "generation": 4, "half": "second", "period": {"start": 2016, "end": 2020},
            "nodes": nodes, "indicators": indicators, "projects": projects, "actions": actions}


# --- 001 (draft) and 003 (final): Kodaira 4th long-term plan, basic concept ----------------
KODAIRA_GOALS = [("Ⅰ", "ひとづくり", "人が育ち、学び、新たな価値を創造するまち"),
                 ("Ⅱ", "くらしづくり", "多様性を認めあい、つながり、共生するまち"),
                 ("Ⅲ", "まちづくり", "自然と調和した、美しく快適で、魅力あるまち")]
KODAIRA_FINAL_POLICIES = [
    ("全ての子どもの育ちと自立を支援する", ["子育て支援", "学校教育", "若者活躍"]),
    ("全世代が元気にはつらつと過ごす", ["健康づくり", "スポーツ", "生涯の学び"]),
    ("まちの誇りを受け継ぎ、発展させる", ["歴史", "文化芸術"]),
    ("お互いに尊重し、活躍できる社会の実現", ["男女共同参画", "障がい者支援", "多文化共生"]),
    ("地域の絆で支えあう", ["介護", "保健福祉", "生活支援"]),
    ("誰もが安心と生きがいを持つ地域づくり", ["地域コミュニティ", "安全・安心"]),
    ("水や緑を保全・創出し、環境にやさしい循環共生型の社会を形成する", ["緑", "環境", "資源循環"]),
    ("安全安心で快適な、住みやすいまちを形成する", ["市街地整備", "道路", "交通"]),
    ("地域資源をいかし、活力と交流を生み出す", ["商工業", "都市農業", "観光"]),
]
KODAIRA_DRAFT_POLICY_TITLES = [
    "子どもの育ちと自立を支援する", "全世代、元気にはつらつと過ごす", "まちの誇りを受け継ぎ、発展させる",
    "誰もが尊重され、活躍できる社会の実現", "様々な絆で支えあう", "地域力をいかした地域づくり",
    "水やみどりを保全・創出し、環境にやさしい循環型社会を形成する", "安全で、住みやすいまちを形成する",
    "地域資源をいかし、活力と交流を生み出す",
]


def _kodaira_tree(policies: list[tuple[str, list[str]]], *, final: bool) -> list[dict[str, Any]]:
    nodes = []
    for g, (numeral, name, subtitle) in enumerate(KODAIRA_GOALS, start=1):
        sections = [section("目指す方向性"), section("令和14年のありたい姿", "姿1", "姿2", text=None)] if final else []
        nodes.append(node(f"g{g}", "基本目標", subtitle, number=numeral, name=name, sections=sections))
        for p in range(3 * g - 2, 3 * g + 1):
            title, fields = policies[p - 1]
            views = [section("12年間の取組の視点", "視点1", "視点2", text=None)] if final else []
            nodes.append(node(f"p{p}", "方針", title, parent=f"g{g}", number=str(p), fields=fields, sections=views))
    return nodes


def kodaira_final() -> dict[str, Any]:
    nodes = _kodaira_tree(KODAIRA_FINAL_POLICIES, final=True)
    nodes.append(node("mgmt", "自治体経営方針", "自治体経営方針", sections=[
        section("自治体経営において重視する視点", "自治の拡大・深化", "持続可能な行財政運営", "ICT社会への対応",
                "職員の力を引き出す市役所", text=None)]))
    for i, title in enumerate(["地域資源によるサービスの実現", "将来に向けた財政運営・財産活用",
                               "運営・業務執行体制の効率化", "職員と職場の活性化"], start=1):
        nodes.append(node(f"mgmt-d{i}", "方向性", title, parent="mgmt", number=str(i)))
    views = ["ひとづくりの視点", "くらしづくりの視点", "まちづくりの視点", "自治体経営の視点"]
    nodes.append(node("x1", "プロジェクト", "自助・共助・公助により、防災・減災を強化します", number="1",
                      sections=[section("趣旨")] + [section(v, "項目", text=None) for v in views]))
    nodes.append(node("x2", "プロジェクト", "新たな地域拠点とコミュニティの創出に取り組みます", number="2",
                      sections=[section("趣旨")] + [section(v, "項目", text=None) for v in views]))
    links = [{"type": "cross_cutting", "source": x, "target": {"plan": None, "node": g}, "note": None}
             for x in ("x1", "x2") for g in ("g1", "g2", "g3", "mgmt")]
    return {"key": "132110:4th-concept", **KODAIRA, "title": "小平市第四次長期総合計画基本構想",
            "kind": "concept", "generation": 4, "status": "adopted", "period": {"start": 2021, "end": 2032},
            "vision": "つながり、共に創るまち こだいら",
            "sections": [section("基本的な理念", "理念1", "理念2", text=None)],
            "nodes": nodes, "links": links}


def kodaira_draft() -> dict[str, Any]:
    nodes = _kodaira_tree([(t, f) for t, (_, f) in zip(KODAIRA_DRAFT_POLICY_TITLES, KODAIRA_FINAL_POLICIES)], final=False)
    nodes[3]["fields"] = ["男女共同参画", "障がい者支援", "多文化共生"]
    nodes.append(node("mgmt", "自治体経営方針", "自治体経営方針"))
    for i, title in enumerate(["地域資源の関与", "将来に向けた財政運営、財産活用", "運営・業務体制の効率化", "職員と職場の活性化"], start=1):
        nodes.append(node(f"mgmt-d{i}", "方向性", title, parent="mgmt", number=str(i)))
    nodes.append(node("x1", "基本目標横断プロジェクト", "自助・共助・公助により、防災減災を強化します"))
    nodes.append(node("x2", "基本目標横断プロジェクト", "新たな地域拠点とコミュニティの創出に取り組みます"))
    registry = [
        {"name": "第二期子ども・子育て支援事業計画", "adopted_year": 2019, "period": {"start": 2020, "end": 2024}, "department": "子育て支援課", "node": "g1"},
        {"name": "公立保育園の運営のあり方に関する方針", "adopted_year": 2019, "period": None, "department": "保育課", "node": "g1"},
        {"name": "国民保護計画", "adopted_year": 2006, "period": None, "department": "防災危機管理課", "node": "g2"},
        {"name": "用水路活用計画", "adopted_year": 1994, "period": None, "department": "水と緑と公園課", "node": "g3"},
        {"name": "公共施設マネジメント基本方針", "adopted_year": 2015, "period": {"start": 2016, "end": 2062}, "department": "公共施設マネジメント課", "node": "mgmt"},
    ]
    links = [{"type": "revised_as", "source": f"p{i}", "target": {"plan": "132110:4th-concept", "node": f"p{i}"}, "note": None}
             for i in range(1, 10)]
    return {"key": "132110:4th-concept:draft", **KODAIRA, "title": "小平市第四次長期総合計画基本構想（骨子案）",
            "kind": "concept", "generation": 4, "status": "draft", "status_label": "骨子案", "period": {"start": 2021, "end": 2032},
            "nodes": nodes, "individual_plans": registry, "links": links}


# --- 004: Koganei industrial promotion plan, a sectoral plan ------------------------------
def koganei_industry() -> dict[str, Any]:
    nodes = [node("goal", "目標", "まちの活気を生み出す")]
    for i, t in enumerate(["安心して出かけられること", "まちにブランド感を感じること", "暮らしていて楽しいこと",
                           "まちを盛り上げる人が多いこと", "人と人との関係が深いこと"], start=1):
        nodes.append(node(f"dir{i}", "方向性", t, parent="goal"))
    nodes.append(node("view1", "視点", "活気の源である「ひと」を増やし、「こと」「ところ」を生み出す", parent="goal"))
    nodes.append(node("view2", "視点", "「ひと」を増やし、「こと」「ところ」を生み出す「仕組み」をつくる", parent="goal"))
    for i, t in enumerate(["地域の人たちがつながり、育っていく仕組み", "新たな参画を促し、つながりを広げ、深める仕組み",
                           "事業・活動を目に触れさせ、その魅力に気づく仕組み", "事業・活動を継続していくための仕組み"], start=1):
        nodes.append(node(f"mech{i}", "仕組み", t, parent="view2", number=f"{i})"))
    policies = ["住みたい・働きたい・訪れたいと思うような魅力を磨く", "暮らしていて楽しい、訪れて楽しいと思える魅力を数多く生み出す",
                "魅力を生み出し、発信する人と出会い、増やす", "魅力を生み出す人をつなげ、応援する人もつなげる",
                "誰もが安心して出かけられる環境をつくる", "事業・活動を継続していくための仕組みをつくる"]
    for i, (mark, t) in enumerate(zip("➊➋➌➍➎❻", policies), start=1):
        nodes.append(node(f"pol{i}", "方針", t, number=mark, sections=[section("考え方"), section("取組内容")]))
    nodes.append(node("pol1-e1", "既存事業", "シティプロモーションの展開", parent="pol1", sections=[section("概要")]))
    nodes.append(node("pol1-a", "アイデア", "市内農産物のブランド化", parent="pol1", number="Ａ"))
    nodes.append(node("pol1-b", "アイデア", "特徴的な事業者や活動の周知", parent="pol1", number="Ｂ", fields=["仕組みづくり"]))
    roles = [
        {"actor": "農業者", "role": "特徴的な農産物の生産、商業者との連携", "node": "pol1-a", "action": None},
        {"actor": "商業者", "role": "商品開発、農業者との連携", "node": "pol1-a", "action": None},
        {"actor": "商店会", "role": "開発された商品の PR・販促活動", "node": "pol1-a", "action": None},
        {"actor": "事業者", "role": "情報発信への参画", "node": "pol1-b", "action": None},
        {"actor": "商店会", "role": "（推進体制の役割）", "node": None, "action": None},
    ]
    indicators = [{"node": "goal", "name": "まちに活気があると感じる市民の割合", "unit": "%", "direction": "increase",
                   "baseline": None, "target": value(None, 2025, None) | {"text": None}}]
    links = [{"type": "sectoral_plan_of", "source": "goal",
              "target": {"plan": "132101:5th-concept-first-basic-plan", "node": "m10"}, "note": None}]
    return {"key": "132101:industry-plan-2021", **KOGANEI, "title": "小金井市産業振興プラン",
            "kind": "sectoral", "status": "adopted", "period": {"start": 2021, "end": 2025},
            "parent": {"plan": "132101:5th-concept-first-basic-plan", "node": "m10"},
            "nodes": nodes, "roles": roles, "indicators": indicators, "links": links}


ALL_SHAPES = {
    "000": koganei_fifth, "001": kodaira_draft, "002": koganei_fourth_pages, "003": kodaira_final, "004": koganei_industry,
}
