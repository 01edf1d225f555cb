"""One default language everywhere: ``lang=`` (``--lang``), else Accept-Language, else Danish."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from govkg.cli import main
from govkg.lang import choose, from_accept_language

SSG = "sundhedsstyregruppen"
DA, EN = "Sundhedsstyregruppen", "Health Steering Group"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "da"),
        ("", "da"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("en-GB;q=0.8, da", "da"),
        ("fr, en;q=0.5", "en"),
        ("fr, de", "da"),
        ("en;q=0, da;q=0.1", "da"),
        ("en;q=banana", "da"),
    ],
)
def test_accept_language_picks_danish_or_english_else_danish(header: str | None, expected: str) -> None:
    assert from_accept_language(header) == expected
    assert choose(None, header) == expected
    assert choose("da", header) == "da" and choose("en", header) == "en", "asked beats the header"


# (path, what the Danish answer says, what the English one says)
ROUTES = [
    (f"/api/entities/{SSG}", DA, EN),
    ("/api/entities?q=sundhedsstyregruppen", DA, EN),
    (f"/api/entities/{SSG}/chain", "forbereder sager for", "prepares cases for"),
    ("/api/documents", '"title"', '"title"'),
    ("/api/obligations", '"frequency"', '"frequency"'),
    ("/api/scenarios", "som den er", "as it is"),
    ("/audit", '<html lang="da">', '<html lang="en">'),
    ("/api/audit?severity=violation", '"lang": "da"', '"lang": "en"'),
    ("/graph", '<html lang="da">', '<html lang="en">'),
    (f"/id/{SSG}", DA, EN),
    ("/", "Kildedokumenter", "Source documents"),
]


@pytest.mark.parametrize(("path", "danish", "english"), ROUTES)
def test_every_answer_is_danish_unless_asked_or_the_browser_prefers_english(
    client: TestClient, path: str, danish: str, english: str
) -> None:
    plain = client.get(path)
    assert plain.status_code == 200 and danish in plain.text, "Danish by default"
    assert "accept-language" in plain.headers.get("vary", "").lower(), "caches keep the languages apart"
    browser = client.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert english in browser.text, "the browser's language"
    joined = "&" if "?" in path else "?"
    asked = client.get(f"{path}{joined}lang=da", headers={"Accept-Language": "en"})
    assert danish in asked.text, "lang= beats the header"


def test_a_language_other_than_danish_or_english_is_refused(client: TestClient) -> None:
    assert client.get(f"/api/entities/{SSG}?lang=fr").status_code == 422


def test_the_commands_speak_danish_unless_told(settings: object) -> None:
    runner, env = CliRunner(), {"GOVKG_EXTRA_PATHS": "[]"}
    danish = runner.invoke(main, ["audit", "--severity", "violation", "--fail-on", "never"], env=env)
    english = runner.invoke(main, ["audit", "--severity", "violation", "--fail-on", "never", "--lang", "en"], env=env)
    assert danish.exit_code == english.exit_code == 0, danish.output
    assert danish.output != english.output and "violation" in english.output
    for command in ("audit", "calendar", "raci", "compare", "graph"):
        help_text = runner.invoke(main, [command, "--help"]).output
        assert "--lang [da|en]" in help_text and "(default: da)" in help_text, command
