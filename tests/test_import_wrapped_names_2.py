"""Indicator names wrapped over two or three lines in a spaced table, as extractors give them.

Variants of held-out documents made at test time: each indicator name on a table row is cut (at
の, 、, ・ or before a bracket near the middle, else in the middle) and printed

- ``plain``: its rest on the next line at the left edge, the row's other cells moved left;
- ``layout``: its rest on the next line under the name, the other cells in their columns;
- ``centred``: its start above the row's figures and its rest under them;
- ``three``: over three lines, the figures on the first;
- ``three_centred``: over three lines, the figures on the middle one;

and each reads exactly as the original does. Then each rule of ``namerun`` and ``centredname`` in a
composed document, and the lines they must leave alone (a note, a heading, a label, the next row's
name).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from held_out import read_rows as read  # noqa: E402
from held_out import text_file  # noqa: E402
from keikaku.importer.centredname import join_centred_names  # noqa: E402
from keikaku.importer.namerun import header_cell, join_name_runs  # noqa: E402
from keikaku.importer.lexicon import fold_key  # noqa: E402
from keikaku.importer.records import RawDocument, RawLine  # noqa: E402
from keikaku.importer.stackedheader import cells_of  # noqa: E402
from keikaku.importer.width import printed_width  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
_MARK = re.compile(r"^(?:[①-⑳・●○◆◇■□]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．])[ \u3000]*")


# --- variants of held-out documents ------------------------------------------------------------

def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


def _cuts(name: str, parts: int) -> list[int]:
    """Where a name printed over ``parts`` lines is cut: a natural break near each even share."""
    n, out = len(name), []
    for k in range(1, parts):
        ideal, best = n * k // parts, None
        for j in range(max(2, ideal - n // 6), min(n - 2, ideal + n // 6) + 1):
            if (name[j - 1] in "の、・" or name[j] in "（(") and (best is None or abs(j - ideal) < abs(best - ideal)):
                best = j
        out.append(best or ideal)
    return out


def _name_cells(text: str, names: set[str]) -> list[tuple[int, int, str]]:
    """(line, index in the line, name) of each expected name standing in a row of figures."""
    out = []
    for i, line in enumerate(text.split("\n")):
        cells = cells_of(line)
        for k, (_, _, cell) in enumerate(cells):
            mark = _MARK.match(cell)
            body = cell[mark.end():] if mark else cell
            if _fold(body) in names and len(body) >= 8 and not body[0].isdigit():
                if any(re.search(r"[0-9０-９]", c) for _, _, c in cells[k + 1:]):
                    out.append((i, line.index(cell) + (mark.end() if mark else 0), body))
                break
    return out


def wrapped(text: str, names: set[str], kind: str) -> str:
    """``text`` with every expected name on a row wrapped the ``kind`` way (see the module)."""
    lines = text.split("\n")
    around: dict[int, tuple[list[str], list[str]]] = {}
    for i, at, name in _name_cells(text, names):
        pre, post = lines[i][:at], lines[i][at + len(name):]
        column = printed_width(pre)
        parts = 3 if kind.startswith("three") and len(name) >= 10 else 2
        cuts = _cuts(name, parts)
        pieces = [name[a:b] for a, b in zip([0, *cuts], [*cuts, len(name)])]

        def pad(piece: str) -> str:
            return " " * printed_width(piece)

        under = [" " * column + p for p in pieces[1:]]
        if kind == "plain":
            lines[i], around[i] = pre + pieces[0] + post, ([], pieces[1:])
        elif kind in ("layout", "three"):
            lines[i], around[i] = pre + pieces[0] + "".join(map(pad, pieces[1:])) + post, ([], under)
        elif kind == "centred" or len(pieces) == 2:
            lines[i], around[i] = pre + pad(name) + post, ([" " * column + pieces[0]], under)
        else:
            lines[i] = pre + pieces[1] + pad(pieces[0]) + pad(pieces[2]) + post
            around[i] = ([" " * column + pieces[0]], [" " * column + pieces[2]])
    out: list[str] = []
    for i, line in enumerate(lines):
        before, after = around.get(i, ([], []))
        out += [*before, line, *after]
    return "\n".join(out)


KINDS = ("plain", "layout", "centred", "three", "three_centred")
# (document, wrapped rows, kinds that read exactly as the original); before these rules 12 of the
# 17 variants read as the original
CHOSEN = [
    ("blind_plans/01_kihon_measure.txt", 5, KINDS),
    ("blind_plans_2/01_kihon_shisaku.txt", 6, KINDS),
    ("blind_plans/04_hyoka_sheet.txt", 4, KINDS),
    ("blind_plans_3/09_kobetsu_chukan_saishu.txt", 3, ("layout", "centred")),
]


@pytest.mark.parametrize(("document", "rows", "kinds"), CHOSEN, ids=[c[0] for c in CHOSEN])
def test_wrapped_names_read_as_the_original(tmp_path: Path, document: str, rows: int, kinds: tuple[str, ...]) -> None:
    path = DATA / document
    text = path.read_text(encoding="utf-8")
    gold = json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))[path.name]
    names = {_fold(g["name"]) for g in gold}
    assert len(_name_cells(text, names)) == rows
    original = read(path)
    for kind in kinds:
        variant = wrapped(text, names, kind)
        assert variant.count("\n") > text.count("\n"), kind
        assert read(text_file(tmp_path, variant, f"{kind}.txt")) == original, kind


def test_the_variants_cut_where_a_name_breaks() -> None:
    assert _cuts("地域子育て支援拠点の年間利用者数", 2) == [10]
    assert _cuts("保育所等利用待機児童数", 2) == [5]
    assert _cuts("子育てしやすいまちだと思う市民の割合", 3) == [6, 12]
    text = "  指標名      現状値   目標値\n  乳幼児健康診査の受診率    95.1%   98.0%\n"
    assert wrapped(text, {"乳幼児健康診査の受診率"}, "layout").split("\n")[1:3] == [
        "  乳幼児健康                95.1%   98.0%", "  診査の受診率"]


# --- composed documents, one per rule ------------------------------------------------------------

def _doc(text: str) -> RawDocument:
    return RawDocument(name="plan.txt", format="text", sha256="0" * 64,
                       lines=[RawLine(t, i + 1) for i, t in enumerate(text.split("\n"))])


def _texts(doc: RawDocument) -> list[str]:
    return [line.text for line in doc.lines]


THREE_LINES = """\
■ 成果指標

   指標名                       単位       基準値          目標値
                                         （令和４年度）   （令和10年度）
   公園愛護会に                 団体          21              30
   登録している市
   民団体の数
   まち歩きガイド               人           340             500
   養成講座の修了
   者数"""


def test_a_name_over_three_lines_under_its_figures(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, THREE_LINES)) == [
        ("公園愛護会に登録している市民団体の数", "団体", (21, 2022), (30, 2028), []),
        ("まち歩きガイド養成講座の修了者数", "人", (340, 2022), (500, 2028), []),
    ]
    # the gap after each name is too narrow for its rest: the pieces become one line under the row
    assert _texts(join_name_runs(_doc(THREE_LINES)))[4:8] == [
        "   公園愛護会に                 団体          21              30",
        "   登録している市民団体の数",
        "   まち歩きガイド               人           340             500",
        "   養成講座の修了者数",
    ]


WIDE = """\
   指標                                         単位   現状値   目標値
   下水道接続                                   ％     81.4     90.0
   率（処理区域
   内人口比）
   合併処理浄化槽の                             基     1,120    1,500
   設置基数"""


def test_the_pieces_go_back_into_the_row_and_its_cells_keep_their_columns() -> None:
    assert _texts(join_name_runs(_doc(WIDE))) == [
        "   指標                                         単位   現状値   目標値",
        "   下水道接続率（処理区域内人口比）             ％     81.4     90.0",
        "   合併処理浄化槽の設置基数                     基     1,120    1,500",
    ]


PLAIN = """\
  ■ 活動指標
    指標名                          単位     区分        R4         R5         R6
    図書館の出前講          回       目標        24         26         28
座の開催
回数
                                             実績        22         27          －
    読書ボランティア            人       目標        80         85         90
の登録人数
                                             実績        76         88          －"""


def test_a_plain_rest_at_the_left_edge_and_the_row_going_on_under_it(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, PLAIN)) == [
        ("図書館の出前講座の開催回数", "回", (None, None), (28, 2024), [(2022, 22), (2023, 27)]),
        ("読書ボランティアの登録人数", "人", (None, None), (90, 2024), [(2022, 76), (2023, 88)]),
    ]
    joined = _texts(join_name_runs(_doc(PLAIN)))
    assert joined[2] == "    図書館の出前講座の開催回数  回       目標        24         26         28"
    assert joined[3].strip().startswith("実績")  # the pieces' lines are taken out


BRACKETS = """\
   指標                               現状値        目標値
                                      （R5）        （R11）
   要介護認定率（75                   31.2%         30.0%
   歳以上）
   住民主体の通いの場の数             46か所        70か所
   地区サロンの参加者                 1,250人       1,600人
   （延べ人数）
   1日8,00                            28.0%         35.0%
   0歩以上歩く人
   の割合"""


def test_a_closed_bracket_a_bracketed_qualifier_and_a_number_cut_in_two(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, BRACKETS)) == [
        ("要介護認定率（75歳以上）", "%", (31.2, 2023), (30, 2029), []),
        ("住民主体の通いの場の数", "か所", (46, 2023), (70, 2029), []),
        ("地区サロンの参加者（延べ人数）", "人", (1250, 2023), (1600, 2029), []),
        ("1日8,000歩以上歩く人の割合", "%", (28, 2023), (35, 2029), []),
    ]


CENTRED_THREE = """\
   指標名                        単位       基準値          目標値
                                          （令和５年度）   （令和10年度）
   市民農園の
   年間利用区                    区画          180             240
   画数
   農業体験イベ
   ントへの参加                  人            920           1,200
   者数"""


def test_a_name_over_three_lines_around_its_figures(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, CENTRED_THREE)) == [
        ("市民農園の年間利用区画数", "区画", (180, 2023), (240, 2028), []),
        ("農業体験イベントへの参加者数", "人", (920, 2023), (1200, 2028), []),
    ]
    # the first and last lines go into the gap after the middle one: every other cell keeps its column
    assert _texts(join_name_runs(_doc(CENTRED_THREE)))[2:] == [
        "   市民農園の年間利用区画数      区画          180             240",
        "   農業体験イベントへの参加者数  人            920           1,200",
    ]
    # a gap too narrow for them: the unit cell moves right, the figures keep their columns
    narrow = CENTRED_THREE.replace("ントへの参加                  人", "ントへの参加                人  ")
    assert _texts(join_name_runs(_doc(narrow)))[3] == "   農業体験イベントへの参加者数  人            920           1,200"


INNER = """\
施策２－４ 地域コミュニティの活性化

  No.   事業名                  担当課        成果指標                     単位    現状値    R7      R8      R9
                                                                                   (R6)
                                              地区集会所の
  1     集会所改修事業          地域振興課                                 人      4,200     4,400   4,600   4,800
                                              年間利用者数
                                              町内会活動
  2     町内会加入促進事業      地域振興課                                 ％        68.5     69.0    70.0    71.0
                                              への加入率"""


def test_a_centred_name_in_an_inner_column(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, INNER)) == [
        ("地区集会所の年間利用者数", "人", (4200, 2024), (4800, 2027), []),
        ("町内会活動への加入率", "%", (68.5, 2024), (71, 2027), []),
    ]
    assert _texts(join_centred_names(_doc(INNER)))[4:6] == [
        "  1     集会所改修事業          地域振興課    地区集会所の年間利用者数     人      4,200     4,400   4,600   4,800",
        "  2     町内会加入促進事業      地域振興課    町内会活動への加入率         ％        68.5     69.0    70.0    71.0",
    ]


LEFT_ALONE = """\
   指標                               現状値        目標値
   健康教室の参加者数                 820人         1,000人
   こころの健康
   ゲートキーパー養成者数             150人         400人
   食生活改善推進員の人数             64人          80人
   ※ 現状値は令和５年度末の数値
   特定健診の受診率                   38.0%         60.0%
   ２ 身体活動・運動
   運動教室の延べ参加者数             2,400人       3,000人
   目標値"""


def test_a_label_a_note_a_heading_and_a_header_word_stay_apart() -> None:
    assert join_name_runs(_doc(LEFT_ALONE)) == _doc(LEFT_ALONE)
    assert join_centred_names(_doc(LEFT_ALONE)) == _doc(LEFT_ALONE)


NEXT_ROW = """\
   指標                        単位      現状値         目標値
   自転車駐車場
                               台         1,200          1,500
   の収容台数
   レンタサイクル
                               回         8,300         12,000
   の貸出回数"""


def test_the_next_rows_start_is_not_a_rest() -> None:
    """A line of figures with no name after a piece: the piece opens that row's name, which
    ``centredrow`` reads; the row above keeps its name."""
    assert join_name_runs(_doc(NEXT_ROW)) == _doc(NEXT_ROW)


def test_a_header_cell_is_one_header_word() -> None:
    assert header_cell(fold_key("達成率"))
    assert header_cell(fold_key("（目標値）"))
    assert not header_cell(fold_key("環境基準達成率"))
    assert not header_cell(fold_key("河川のBOD"))
