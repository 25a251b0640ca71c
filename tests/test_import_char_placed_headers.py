"""Laid-out headers over three lines as ``pdftotext -layout`` prints them, each character one place
(``orderedheader.py``):

- role words above, the name line with the years of the actuals, the role words' bracketed years
  below: under the printed width of wide characters the years stand under the role words and
  nothing matches; placed one character a place, the years stand between them;
- a label column's word (区分) printed between the role words goes in by its place.

Only a top line of role words alone over lines of other columns' words and years is placed so: a
header whose lower lines hold role words (計画, 実績 under each year) or whose top line holds other
columns' words is left to the readings by place.
"""

from __future__ import annotations

from pathlib import Path

from tests.held_out import read_rows, text_file

BETWEEN = """施策3-1 読書活動の推進

                                   現状値                                          目標値
  区分           指標名             単位                令和4年度      令和5年度      令和6年度
                                 （令和3年度）                                      （令和10年度）
       図書館の貸出冊数             冊      210,400       215,300    220,100    230,500  250,000
       読書講座の参加者数            人          812           845        903        951    1,100
"""

LABEL_BETWEEN = """施策2-4 地域福祉の推進

                              基準値                                                 最終目標
      指標名               単位              区分      令和3年度       令和4年度       令和5年度
                            （令和2年度）                                             （令和6年度）
  民生委員の訪問件数             件     4,120     目標      4,300       4,450       4,600     4,800
                                        実績      3,985       4,377       4,702
  見守り協力店の数              店       58      目標        64          70          76        85
                                        実績        61          69          74
"""


def test_years_between_role_words_placed_one_character_a_place(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, BETWEEN)) == [
        ("図書館の貸出冊数", "冊", (210400, 2021), (250000, 2028), [(2022, 215300), (2023, 220100), (2024, 230500)]),
        ("読書講座の参加者数", "人", (812, 2021), (1100, 2028), [(2022, 845), (2023, 903), (2024, 951)]),
    ]


def test_a_label_column_word_between_the_role_words(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, LABEL_BETWEEN)) == [
        ("民生委員の訪問件数", "件", (4120, 2020), (4800, 2024), [(2021, 3985), (2022, 4377), (2023, 4702)]),
        ("見守り協力店の数", "店", (58, 2020), (85, 2024), [(2021, 61), (2022, 69), (2023, 74)]),
    ]



def test_role_words_over_role_words_are_not_placed_one_character_a_place() -> None:
    from keikaku.importer.orderedheader import _roles_over_years
    from keikaku.importer.records import RawLine

    def lines(*texts: str) -> list[RawLine]:
        return [RawLine(t) for t in texts]

    assert _roles_over_years(lines("    基準値     実績値     目標値", "指標名  単位", "      R2   R3   R4   R7", "名  人  1  2  3  4"), 0)
    assert not _roles_over_years(lines("    令和2年度     令和3年度", "    計画  実績  計画  実績", "名  1  2  3  4"), 0)
    assert not _roles_over_years(lines("指標名   基準値   目標値", "   （R2）   （R7）", "名  1  2"), 0)
