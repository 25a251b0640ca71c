"""The staff guide served by the site (keikaku/web/guide.py): pages in Japanese and English, links
rewritten for the site, its screenshots and nothing else, the link on every staff page, and a
static site that leaves it out. In-process (no server); the browser walk is test_staff_guide.py."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cycle_helpers import PASSWORD, fast_hashing, make_world
from keikaku.domain.errors import NotFoundError
from keikaku.web.app import create_app
from keikaku.web.guide import GUIDE_DIR, PAGES, GuideCache, render_page
from keikaku.web.static_site import publish_static

H1 = re.compile(r"<article class=\"guide\">\s*<h1>(.*?)</h1>", re.S)
TITLES = {
    "ja": {"index": "操作ガイド", "planning": "企画政策課（管理者）", "editor": "所管課（入力担当）", "reviewer": "審査者"},
    "en": {"index": "Staff guide", "planning": "Planning division (admin)", "editor": "Department (editor)",
           "reviewer": "Reviewer"},
}


def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def sign_in(engine: Engine, name: str) -> TestClient:
    c = client(engine)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text
    return c


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine)


def test_every_page_in_both_languages(engine: Engine) -> None:
    c = client(engine)
    for lang in ("ja", "en"):
        for slug in PAGES:
            path = "/staff/guide" if slug == "index" else f"/staff/guide/{slug}"
            r = c.get(path, params={"lang": lang})
            assert r.status_code == 200, (path, lang, r.status_code)
            assert f'<html lang="{lang}">' in r.text
            assert H1.search(r.text).group(1).replace("<wbr>", "") == TITLES[lang][slug]  # break points marked (|wbr)
            nav = re.search(r'<nav class="guide-nav"[^>]*>(.*?)</nav>', r.text, re.S).group(1)
            suffix = "?lang=en" if lang == "en" else ""
            assert re.findall(r'<a href="([^"]+)"', nav) == [
                f"/staff/guide{suffix}", f"/staff/guide/planning{suffix}", f"/staff/guide/editor{suffix}",
                f"/staff/guide/reviewer{suffix}"]
            assert nav.count('aria-current="page"') == 1
    assert "<h1>操作<wbr>ガイド</h1>" in client(engine).get("/staff/guide").text  # Japanese by default, with its break point


def test_links_and_images_are_rewritten_for_the_site(engine: Engine) -> None:
    c = client(engine)
    ja = c.get("/staff/guide/editor").text
    assert '<a href="/staff/guide/editor">' not in ja
    assert '<img src="/staff/guide/img/ja-sheet-actuals.png" alt="実績値の入力" loading="lazy" />' in ja
    index_en = c.get("/staff/guide?lang=en").text
    assert '<a href="/staff/guide/planning?lang=en">Planning division (admin)</a>' in index_en
    assert ".md\"" not in index_en and "../img/" not in index_en


def test_markdown_html_is_shown_as_text_and_unknown_links_are_kept() -> None:
    page = render_page("# T <b>x</b>\n\n<script>alert(1)</script>\n\n[a](other.md) [b](editor.md#x) ![c](../img/a.png) ![d](/x.png)\n",
                       slug="index", lang="en")
    assert page.title == "T <b>x</b>"
    assert "<script>" not in page.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html
    assert "<h1>T &lt;b&gt;x&lt;/b&gt;</h1>" in page.html
    assert page.links == ("other.md", "/staff/guide/editor?lang=en#x")
    assert page.images == ("a.png",)
    assert '<img src="/x.png" alt="d" />' in page.html


@pytest.mark.parametrize("path", [
    "/staff/guide/index", "/staff/guide/nothing", "/staff/guide/planning.md", "/staff/guide/ja",
    "/staff/guide/img/missing.png", "/staff/guide/img/ja-login.PNG", "/staff/guide/img/..%2F..%2Fpyproject.toml",
    "/staff/guide/img/%2e%2e%2fja%2findex.md", "/staff/guide/img/..%2Fja%2Findex.md", "/staff/guide/img/.hidden.png",
    "/staff/guide/img/ja%00.png", "/staff/guide/img/", "/staff/guide/ja/index.md", "/staff/guide/../../pyproject.toml",
])
def test_nothing_but_guide_pages_and_images_is_served(engine: Engine, path: str) -> None:
    r = client(engine).get(path, follow_redirects=True)  # /img/ is redirected to /img, a page the guide does not have
    assert r.status_code == 404, (path, r.status_code)
    assert "[project]" not in r.text and "# 操作ガイド" not in r.text


def test_an_image_of_the_guide_is_served(engine: Engine) -> None:
    r = client(engine).get("/staff/guide/img/ja-login.png")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.content == (GUIDE_DIR / "img" / "ja-login.png").read_bytes()
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_image_lookup_stays_in_its_folder(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.png").write_bytes(b"no")
    (tmp_path / "img" / "link.png").symlink_to(tmp_path / "secret.png")
    cache = GuideCache(tmp_path)
    assert cache.image("a.png") == (tmp_path / "img" / "a.png").resolve()
    for name in ("../secret.png", "link.png", "b.png", "a.png/", "A.png", "a.svg", "", "-a.png"):
        with pytest.raises(NotFoundError):
            cache.image(name)


def test_a_guide_file_changed_is_read_again(tmp_path: Path) -> None:
    for lang in ("ja", "en"):
        (tmp_path / lang).mkdir()
        for slug in PAGES:
            (tmp_path / lang / f"{slug}.md").write_text(f"# {lang} {slug}\n", encoding="utf-8")
    cache = GuideCache(tmp_path)
    assert cache.page("editor", "ja").title == "ja editor"
    path = tmp_path / "ja" / "editor.md"
    path.write_text("# 新しい題\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert cache.page("editor", "ja").title == "新しい題"
    assert [x.title for x in cache.contents("reviewer", "en")] == ["en index", "en planning", "en editor", "en reviewer"]
    assert [x.current for x in cache.contents("reviewer", "en")] == [False, False, False, True]


def test_every_staff_page_links_to_the_guide(engine: Engine, world) -> None:
    for name, role in (("kikaku", "admin"), ("shinsa", "reviewer"), ("hoiku", "editor"), ("etsuran", "viewer")):
        c = sign_in(engine, name)
        pages = ["/staff", f"/staff/cycles/{world.cycle.id}", "/staff/password"]
        if role in ("admin", "reviewer"):
            pages.append("/staff/audit")
        if role == "admin":
            pages += ["/staff/users", "/staff/users/new"]
        for path in pages:
            for lang, label in (("ja", "操作ガイド"), ("en", "Staff guide")):
                r = c.get(path, params={"lang": lang})
                assert r.status_code == 200, (name, path)
                signed_in = re.search(r'<nav class="signed-in"[^>]*>(.*?)</nav>', r.text, re.S).group(1)
                assert f'<a href="/staff/guide">{label}</a>' in signed_in, (name, path, lang)
        guide = c.get("/staff/guide")
        assert '<nav class="signed-in" aria-label="' in guide.text and name in guide.text  # the staff header, for a signed-in reader
    anonymous = client(engine).get("/staff/guide").text
    assert 'class="signed-in"' not in anonymous and '<a href="/login">職員ログイン</a>' in anonymous


def test_the_static_site_leaves_the_guide_out(engine: Engine, world, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = publish_static(engine, out, plans=[world.plan_id])
    assert result.pages > 10 and not result.skipped
    files = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert [f for f in files if "guide" in f or "staff" in f] == []
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "/staff/guide" not in text and "操作ガイド" not in text and "Staff guide" not in text, page


def test_japanese_lines_join_without_a_space() -> None:
    page = render_page("# t\n\n一行目です。\n二行目です。\nEnglish words\ngo on\n\n- 項目の\n  続き\n", slug="index", lang="ja")
    assert "<p>一行目です。二行目です。English words\ngo on</p>" in page.html
    assert "<li>項目の続き</li>" in page.html


def test_the_guide_ships_inside_the_package() -> None:
    """An installed keikaku (a wheel, no repository) still serves its guide: the files live in the
    package and pyproject's package-data names every one of them."""
    import tomllib
    from fnmatch import fnmatch

    import keikaku

    package = Path(keikaku.__file__).resolve().parent
    assert GUIDE_DIR.is_relative_to(package)
    patterns = tomllib.loads((package.parent / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["keikaku"]
    files = [p.relative_to(package).as_posix() for p in GUIDE_DIR.rglob("*") if p.is_file()]
    assert len([f for f in files if f.endswith(".md")]) == 8
    assert [f for f in files if not any(fnmatch(f, pattern) for pattern in patterns)] == []
