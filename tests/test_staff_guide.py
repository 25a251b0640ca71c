"""The staff guide's screenshots, made by walking the staff pages in a real browser.

`keikaku serve` runs over かえで市 with its staff and the open FY2025 cycle (tests/cycle_helpers).
Debian's Chromium, at a fixed 1000 px wide viewport, plays the admin (kikaku), the editor of 保育課
(hoiku) and the reviewer (shinsa) through the pages the guide shows, in Japanese and in English,
and writes each screenshot, clipped to the part the guide talks about and reduced to a small
palette with Pillow, into keikaku/guide/img/ (a picture whose pixels did not change is left as it is).
Then it checks the guide itself: every
image its markdown names exists and shows what this run took (and no other file lies there), every
page it links answers 200, axe finds nothing serious, and no guide page scrolls sideways at 390 px.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, new_context, run_axe, server_fixture,
)
from browser_people import stored_fixture
from cycle_helpers import PASSWORD, WAITING, indicator_id, make_world, node_id
from keikaku.web.guide import PAGES

GUIDE = REPO / "keikaku" / "guide"
IMG = GUIDE / "img"
WIDTH = 1000  # the viewport, and the widest a screenshot may be
COLOURS = 64  # the palette each screenshot is reduced to
MAX_BYTES = 120_000
IMAGE_REF = re.compile(r"!\[[^\]]*\]\(\.\./img/([^)\s]+)\)")
TEXTS = {
    "reasons": {"ja": "待機児童数は6人から2人に減った。認定こども園の整備で定員を増やした。",
                "en": "Children waiting for a place fell from 6 to 2 after the new certified centre opened."},
    "issues": {"ja": "0歳児・1歳児の受け皿が足りない。保育士の確保が課題。",
               "en": "Too few places for children under two; hiring nursery staff is hard."},
    "comment": {"ja": "0歳児・1歳児の定員の見込みを課題に書き加えてください。",
                "en": "Please add next year's expected places for children under two to the issues."},
}
BAD_UPLOAD = "指標,年度,値\n保育所等待機児童数,2025,二人\n存在しない指標,2025,3\n".encode()


# --- one database, one server, one browser --------------------------------------------------------

def world(engine: Engine) -> dict[str, int]:
    stored = make_world(engine)
    assert stored.cycle is not None
    return {"plan": stored.plan_id, "cycle": stored.cycle.id, "m1": node_id(engine, "m1"), "waiting": indicator_id(engine, WAITING)}


guide_database = database_fixture("guide_database", "guide")
ids = stored_fixture("ids", "guide_database", world)
server = server_fixture("guide_database", after=("ids",))


class Person:
    """One browser context (one person's cookies) at the guide's viewport."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog, *, width: int = WIDTH, height: int = 800,
                 storage_state: Any = None, bypass_csp: bool = False) -> None:
        self.failed: list[str] = []
        self.context = new_context(browser, server, requests, viewport={"width": width, "height": height},
                                   device_scale_factor=1, storage_state=storage_state, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.failed.append(f"pageerror: {exc}"))

    def goto(self, path: str) -> Any:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response

    def sign_in(self, name: str) -> None:
        self.goto("/login?lang=ja")
        self.page.locator("#name").fill(name)
        self.page.locator("#password").fill(PASSWORD)
        self.page.locator("main form button[type=submit]").click()
        expect(self.page.locator("nav.signed-in")).to_contain_text(name)


def _same_picture(path: Path, image: Image.Image) -> bool:
    """Whether the PNG at ``path`` shows exactly the pixels of ``image`` (its bytes may differ)."""
    if not path.exists():
        return False
    with Image.open(path) as old:
        return old.size == image.size and old.convert("RGB").tobytes() == image.convert("RGB").tobytes()


class Shots:
    """Screenshots written into keikaku/guide/img/ as ``{lang}-{name}.png``, each clipped and made small."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}  # file name → the pixels taken in this run

    def element(self, person: Person, lang: str, name: str, selector: str, *, max_height: int | None = None) -> None:
        page = person.page
        target = page.locator(selector).first
        expect(target).to_be_visible()
        target.scroll_into_view_if_needed()
        if max_height is None:
            png = target.screenshot(animations="disabled", caret="hide")
        else:
            box = target.bounding_box()
            assert box is not None, selector
            page.evaluate("window.scrollTo(0, 0)")
            box = page.locator(selector).first.bounding_box()
            png = page.screenshot(clip={"x": box["x"], "y": box["y"], "width": min(box["width"], WIDTH),
                                        "height": min(box["height"], max_height)}, full_page=True, animations="disabled",
                                  caret="hide")
        self.save(f"{lang}-{name}.png", png)

    def save(self, file_name: str, png: bytes) -> None:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        if image.width > WIDTH:
            image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
        small = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        IMG.mkdir(parents=True, exist_ok=True)
        path = IMG / file_name
        if not _same_picture(path, small):  # a picture that looks the same is left alone: no churn in the repository
            path.write_bytes(out.getvalue())
        self.written[file_name] = small.convert("RGB").tobytes()


def referenced_images() -> dict[str, set[str]]:
    """Every image the guide's markdown shows, with the files that show it."""
    found: dict[str, set[str]] = {}
    for path in sorted(GUIDE.glob("*/*.md")):
        for name in IMAGE_REF.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(path.relative_to(GUIDE).as_posix())
    return found


def guide_path(slug: str, lang: str) -> str:
    return ("/staff/guide" if slug == "index" else f"/staff/guide/{slug}") + ("?lang=en" if lang == "en" else "?lang=ja")


# --- the walk ------------------------------------------------------------------------------------------

def test_the_guide_screenshots_and_pages(browser: Any, server: Server, ids: dict[str, int]) -> None:
    requests = RequestLog()
    shots = Shots()
    cycle_path = f"/staff/cycles/{ids['cycle']}"
    sheet_path = f"{cycle_path}/nodes/{ids['m1']}"
    anonymous, admin, editor, reviewer = (Person(browser, server, requests) for _ in range(4))

    # signing in ------------------------------------------------------------------------------------
    for lang in ("ja", "en"):
        anonymous.goto(f"/login?lang={lang}")
        anonymous.page.locator("#name").fill("hoiku")
        shots.element(anonymous, lang, "login", "main")
    admin.sign_in("kikaku")
    editor.sign_in("hoiku")
    reviewer.sign_in("shinsa")

    # the planning division: the Evaluation page, users -------------------------------------------------
    for lang in ("ja", "en"):
        admin.goto(f"/staff?lang={lang}")
        expect(admin.page.locator("main h1")).to_have_text({"ja": "評価の管理", "en": "Evaluation"}[lang])
        shots.element(admin, lang, "dashboard", "main", max_height=900)
        admin.goto(f"/staff/users?lang={lang}")
        expect(admin.page.locator("table.users tbody tr")).to_have_count(5)
        shots.element(admin, lang, "users", "main")
        admin.goto(f"/staff/users/new?lang={lang}")
        admin.page.locator("#name").fill("hoiku2")
        shots.element(admin, lang, "user-new", "main", max_height=760)

    # the editor: actuals, a rejected upload, the evaluation ------------------------------------------------
    editor.goto(f"{sheet_path}?lang=ja")
    editor.page.locator(f"#value-{ids['waiting']}").fill("2")
    editor.page.get_by_role("button", name="実績値を保存").click()
    expect(editor.page.get_by_role("status")).to_have_text("保存しました。")
    for lang in ("ja", "en"):
        editor.goto(f"{sheet_path}?lang={lang}")
        expect(editor.page.locator(f"#value-{ids['waiting']}")).to_have_value("2")
        shots.element(editor, lang, "sheet-actuals", "section[aria-labelledby=auto]")
    for lang in ("ja", "en"):
        editor.goto(f"{cycle_path}?lang={lang}")
        editor.page.locator("#file").set_input_files({"name": "actuals.csv", "mimeType": "text/csv", "buffer": BAD_UPLOAD})
        editor.page.locator("form[action$='/upload'] button[type=submit]").click()
        expect(editor.page.locator("main h1")).to_have_text({"ja": "登録できませんでした", "en": "Upload rejected"}[lang])
        expect(editor.page.locator("main table tbody tr")).to_have_count(2)
        shots.element(editor, lang, "upload-errors", "main")
    for lang in ("ja", "en"):
        editor.goto(f"{sheet_path}?lang={lang}")
        page = editor.page
        page.locator("#self_grade").select_option("B")
        page.locator("#reasons").fill(TEXTS["reasons"][lang])
        page.locator("#issues").fill(TEXTS["issues"][lang])
        page.locator("#next_direction").select_option("継続")
        shots.element(editor, lang, "sheet-evaluation", "section[aria-labelledby=eval]")
    editor.page.goto(f"{sheet_path}?lang=ja")
    editor.page.locator("#self_grade").select_option("B")
    editor.page.locator("#reasons").fill(TEXTS["reasons"]["ja"])
    editor.page.locator("#issues").fill(TEXTS["issues"]["ja"])
    editor.page.locator("#next_direction").select_option("継続")
    editor.page.get_by_role("button", name="提出", exact=True).click()
    expect(editor.page.get_by_role("status")).to_have_text("提出しました。")

    # the reviewer returns the sheet; the editor reads it --------------------------------------------------
    for lang in ("ja", "en"):
        reviewer.goto(f"{sheet_path}?lang={lang}")
        reviewer.page.locator("#comment").fill(TEXTS["comment"][lang])
        shots.element(reviewer, lang, "sheet-review", "section[aria-labelledby=eval]")
    reviewer.goto(f"{sheet_path}?lang=ja")
    reviewer.page.locator("#comment").fill(TEXTS["comment"]["ja"])
    reviewer.page.get_by_role("button", name="差戻し", exact=True).click()
    expect(reviewer.page.get_by_role("status")).to_have_text("差し戻しました。")
    for lang in ("ja", "en"):
        editor.goto(f"{sheet_path}?lang={lang}")
        expect(editor.page.locator("main")).to_contain_text(TEXTS["comment"]["ja"])
        shots.element(editor, lang, "sheet-returned", "main", max_height=330)

    # the board with its open items, and the audit trail -----------------------------------------------------
    for lang in ("ja", "en"):
        admin.goto(f"{cycle_path}?lang={lang}")
        admin.page.locator("table.board td.open-items details").first.evaluate("d => d.open = true")
        shots.element(admin, lang, "cycle-board", "section[aria-labelledby=board]", max_height=640)
        reviewer.goto(f"/staff/audit?lang={lang}")
        shots.element(reviewer, lang, "audit", "main", max_height=720)

    # every image the guide shows is what this run took (rewritten only when its pixels changed), and
    # nothing else lies in img/ -------------------------------------------------------------------------------
    referenced = referenced_images()
    assert sorted(referenced) == sorted(shots.written), (sorted(referenced), sorted(shots.written))
    assert sorted(p.name for p in IMG.iterdir()) == sorted(shots.written)
    sizes = {}
    for name, pixels in shots.written.items():
        path = IMG / name
        with Image.open(path) as image:
            assert image.format == "PNG" and image.width <= WIDTH and image.mode == "P", (name, image.size, image.mode)
            assert image.convert("RGB").tobytes() == pixels, name
        sizes[name] = path.stat().st_size
        assert sizes[name] <= MAX_BYTES, (name, sizes[name])
    assert sum(sizes.values()) <= 22 * 60_000, sizes
    for lang in ("ja", "en"):  # each language's pages show that language's screenshots
        assert all(n.startswith(f"{lang}-") for n, files in referenced.items() for f in files if f.startswith(f"{lang}/"))

    # every page the guide links answers 200, and every screenshot shows ------------------------------------
    visited = set()
    for lang in ("ja", "en"):
        for slug in PAGES:
            admin.goto(guide_path(slug, lang))
            page = admin.page
            expect(page.locator("html")).to_have_attribute("lang", lang)
            links = page.evaluate("""() => Array.from(document.querySelectorAll(
                'article.guide a[href], nav.guide-nav a[href], nav.signed-in a[href]')).map(a => a.getAttribute('href'))""")
            images = page.evaluate("""() => Array.from(document.querySelectorAll('article.guide img')).map(
                i => [i.getAttribute('src'), i.getAttribute('alt')])""")
            assert "/staff/guide" in links
            for href in links:
                assert href.startswith("/") and not href.startswith("//"), (slug, lang, href)
                visited.add(href)
            for src, alt in images:
                assert src.startswith(f"/staff/guide/img/{lang}-") and alt, (slug, lang, src, alt)
                visited.add(src)
            page.locator("article.guide img").evaluate_all("imgs => imgs.forEach(i => i.loading = 'eager')")
            for img in page.locator("article.guide img").all():
                img.scroll_into_view_if_needed()
                expect(img).to_have_js_property("complete", True)
                assert img.evaluate("i => i.naturalWidth") > 0
    assert len([v for v in visited if v.startswith("/staff/guide/img/")]) == len(shots.written)
    for href in sorted(visited):
        response = admin.context.request.get(href)
        assert response.status == 200, (href, response.status)
    assert {"/login", "/staff", "/staff/users", "/staff/audit", "/staff/password"} <= visited

    # axe on the guide's pages, as an admin sees them ----------------------------------------------------------
    serious = []
    for lang in ("ja", "en"):
        for slug in PAGES:
            twin = Person(browser, server, requests, bypass_csp=True, storage_state=admin.context.storage_state())
            try:
                twin.goto(guide_path(slug, lang))
                result = run_axe(twin.page)
            finally:
                twin.context.close()
            serious += [f"{lang}/{slug}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']]}"
                        for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

    # a phone: no guide page scrolls sideways, signed in or not ---------------------------------------------------
    for who in (admin, anonymous):
        phone = Person(browser, server, requests, width=390, height=844, storage_state=who.context.storage_state())
        try:
            for lang in ("ja", "en"):
                for slug in PAGES:
                    phone.goto(guide_path(slug, lang))
                    phone.page.locator("article.guide img").evaluate_all("imgs => imgs.forEach(i => i.loading = 'eager')")
                    phone.page.wait_for_load_state("load")
                    width = phone.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                    assert width[0] <= width[1], (slug, lang, width)
                    for img in phone.page.locator("article.guide img").all():
                        assert (img.bounding_box() or {}).get("width", 999) <= 390
        finally:
            phone.context.close()

    # nothing left 127.0.0.1 and no page failed ----------------------------------------------------------------------
    for person in (anonymous, admin, editor, reviewer):
        assert person.failed == []
        person.context.close()
    assert requests.outside(server.url) == []
