"""Take the README's screenshots: the org chart's first view, an entity page and a comparison, at 1400 × 900.

Run from the repository root: ``.venv/bin/python docs/screenshots.py``. It starts the service on the
bundled seed data on a free 127.0.0.1 port, opens the pages in Debian's headless Chromium (every
request off 127.0.0.1 aborted), and writes PNG files to docs/img/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.live import live_server  # noqa: E402

OUT = ROOT / "docs" / "img"
SHOTS = [
    ("org-chart.png", "/graph?lang=en", "body[data-ready]"),
    ("entity-page.png", "/id/sundhedsstyregruppen?lang=en", "h1"),
    ("org-compare.png", "/graph?lang=en&compare=rm-organisering-2016/as-is..proposed", "body[data-ready]"),
]


def main() -> None:
    """Write every screenshot in :data:`SHOTS`."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def guard(route: Route) -> None:
            if route.request.url.startswith(f"{server.url}/"):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", guard)
        for name, path, ready in SHOTS:
            page.goto(server.url + path)
            page.wait_for_selector(ready, state="attached", timeout=20_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / name))
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
