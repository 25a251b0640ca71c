"""``keikaku publish --static DIR``: the public site as plain files, served by a plain static server.

The example city is published, then served from DIR by Python's own file server on 127.0.0.1
(no keikaku code involved) and read in Debian's Chromium: pages in both languages, relative
links that all resolve, the client-side search, no request leaving the site, and axe.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from browser import RequestLog, chromium, run_axe
from keikaku.cli.main import app
from keikaku.services.plans import example_files, load_plan_file
from keikaku.web.static_site import PublishError, publish_static

runner = CliRunner()
LINK = re.compile(r'\b(?:href|src|action)="([^"#][^"]*)"')


@pytest.fixture
def site(engine: Engine, tmp_path: Path) -> Path:
    for f in example_files():
        load_plan_file(engine, f)
    out = tmp_path / "site"
    result = publish_static(engine, out)
    assert result.pages >= 100 and not result.skipped, result.skipped
    return out


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_every_link_is_relative_and_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    broken = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for url in LINK.findall(html):
            if url.startswith(("data:", "?")) or url == "":
                continue
            assert not url.startswith(("/", "http:", "https:")), (page, url)
            target = (page.parent / url.split("?")[0]).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {url}")
    assert broken == []
    assert '<html lang="en">' in (site / "en" / "plans" / "1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in (site / "plans" / "1" / "index.html").read_text(encoding="utf-8")
    assert not list(site.rglob("staff*"))
    assert (site / "api" / "v1" / "plans" / "1" / "indicators.json").is_file() or (site / "api" / "v1" / "plans" / "1.json").is_file()


def test_a_plain_static_server_serves_it_to_a_browser(served: str) -> None:
    with chromium() as browser:
        context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
        requests = RequestLog()
        context.on("request", requests.record)
        page = context.new_page()
        page.goto(f"{served}/index.html")
        page.get_by_role("link", name=re.compile("かえで市第2次総合計画")).first.click()
        page.wait_for_url(re.compile(r"/plans/\d+/index\.html$"))
        node = page.locator("a[href*='nodes/']").first
        node.click()
        page.wait_for_url(re.compile(r"/nodes/\d+/index\.html$"))
        assert page.locator("h1").count() == 1
        violations = run_axe(page)["violations"]
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
        page.goto(f"{served}/search/index.html?q=刑法犯")
        page.locator("#search-results a").first.wait_for()
        assert "刑法犯認知件数" in page.locator("#search-results").inner_text()
        page.locator("#search-results a").first.click()
        page.wait_for_url(re.compile(r"/indicators/\d+/index\.html$"))
        assert "刑法犯認知件数" in page.locator("h1").inner_text()
        page.goto(f"{served}/search/index.html?q=コソダテ")  # written another way: folded as the live search folds
        page.locator("#search-results a").first.wait_for()
        assert "子育て" in page.locator("#search-results").inner_text()
        page.goto(f"{served}/en/index.html")
        assert page.locator("html").get_attribute("lang") == "en"
        assert requests.outside(served) == []
        context.close()


def test_publishing_into_a_foreign_directory_is_refused(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(PublishError):
        publish_static(engine, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"  # nothing lost


def test_the_cli_publishes_one_plan(cli_env: str, engine: Engine, tmp_path: Path) -> None:
    plan = load_plan_file(engine, example_files()[0]).plan_id
    result = runner.invoke(app, ["publish", "--static", str(tmp_path / "one"), "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    assert "公開サイトを書き出しました" in result.output
    assert (tmp_path / "one" / "plans" / str(plan) / "index.html").is_file()
    again = runner.invoke(app, ["publish", "--static", str(tmp_path / "one"), "--plan", "no-such-plan"])
    assert again.exit_code != 0 and "no-such-plan" in again.output


def test_the_static_site_shows_the_read_models_figures(engine: Engine, site: Path) -> None:
    import json

    from keikaku.services.readmodel import load_plan_year

    stored = load_plan_year(engine, 1)
    for ind_id, item in zip(stored.indicator_ids, stored.model.indicators):
        twin = json.loads((site / "api" / "v1" / "indicators" / f"{ind_id}.json").read_text(encoding="utf-8"))
        assert twin["indicator"]["status"] == item.status, item.indicator.name
        page = (site / "indicators" / str(ind_id) / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<dd><span class="status status-([a-z_]+)">', page).group(1) == item.status


def test_the_static_site_carries_the_money_sections(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan with budgets: its plan and measure pages keep their money sections, and the section's
    CSV and JSON twin are written as files that the relative links reach."""
    import json

    from cycle_helpers import fast_hashing, make_world, node_id
    from keikaku.services import budget
    from keikaku.services.plans import EXAMPLE_DIR

    fast_hashing(monkeypatch)
    world = make_world(engine, open_cycle=False)
    budget.import_budget(engine, user=world.admin, plan=world.plan_id, content=(EXAMPLE_DIR / "kaede-budget.xlsx").read_bytes(),
                         filename="kaede-budget.xlsx", apply=True)
    out = tmp_path / "money-site"
    result = publish_static(engine, out, plans=[world.plan_id])
    assert not result.skipped, result.skipped
    m1 = node_id(engine, "m1")
    page = out / "nodes" / str(m1) / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<h2 id="cost">事業費と<wbr>コスト</h2>' in html and 'class="chart money-chart"' in html
    assert 'href="costs.csv"' in html and 'href="../../api/v1/nodes/%d/costs.json"' % m1 in html
    twin = json.loads((out / "api" / "v1" / "nodes" / f"{m1}" / "costs.json").read_text(encoding="utf-8"))
    assert twin["years"][1]["full_cost"] == 234_801_500 and twin["audience"] == "public"
    rows = (out / "nodes" / str(m1) / "costs.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) == 4 and rows[2].endswith(",14925000,234801500")
    assert "Spending and costs" in (out / "en" / "plans" / str(world.plan_id) / "index.html").read_text(encoding="utf-8")
    assert (out / "plans" / str(world.plan_id) / "costs.csv").is_file()
