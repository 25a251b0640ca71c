"""The ``wbr`` filter: <wbr> between the words of a Japanese label, exact outputs, escaping."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup
from sqlalchemy import Engine

from keikaku.web.app import create_app
from keikaku.web.wordbreak import wbr


@pytest.mark.parametrize(("label", "expected"), [
    ("基本構想", "基本構想"),  # a compound of four characters stays whole
    ("子育て支援の充実", "子育て<wbr>支援の<wbr>充実"),  # breaks between words only, the particle with its word
    ("順調", "順調"),
    ("現状値", "現状値"),  # a suffix stays with its noun
    ("概ね順調", "概ね<wbr>順調"),
    ("保育所等待機児童数", "保育所等<wbr>待機児童数"),  # a one-character noun joins the one before it
    ("所管課ごとの進捗", "所管課ごとの<wbr>進捗"),
    ("かえで市第2次総合計画（架空の例）", "かえで市<wbr>第2次<wbr>総合計画<wbr>（架空の<wbr>例）"),  # brackets and counters
    ("令和7年度 (2025)", "令和7年度 (2025)"),  # a space is a break already
    ("成果・活動指標", "成果・<wbr>活動指標"),
    ("Progress by department", "Progress by department"),  # English is left alone
    ("", ""),
])
def test_breaks_between_words(label: str, expected: str) -> None:
    got = wbr(label)
    assert isinstance(got, Markup) and str(got) == expected
    assert str(got).replace("<wbr>", "") == label


def test_html_in_the_label_is_escaped() -> None:
    assert str(wbr("<b>子育て</b>&支援")) == "&lt;b&gt;<wbr>子育て<wbr>&lt;/b&gt;&amp;<wbr>支援"
    assert str(wbr('"><script>alert(1)</script>')) == "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(wbr("子育て支援の<充実>")) == "子育て<wbr>支援の<wbr>&lt;充実&gt;"


def test_markup_none_numbers_and_long_text() -> None:
    safe = Markup("<mark>子育て</mark>支援")
    assert wbr(safe) is safe  # markup cannot be cut into words: passed through as it is
    assert str(wbr(None)) == "" and str(wbr(25)) == "25"
    long = "子育て支援の充実" * 60  # 480 characters: not a label, escaped without breaks
    assert str(wbr(long)) == long


def test_results_are_cached() -> None:
    from keikaku.web.wordbreak import _break

    before = _break.cache_info().hits
    wbr("評価シートの提出")
    wbr("評価シートの提出")
    assert _break.cache_info().hits == before + 1


def test_pages_carry_the_breaks(engine: Engine) -> None:
    html = TestClient(create_app(engine)).get("/nowhere").text
    assert "<h1>ページが<wbr>見つかりません</h1>" in html
