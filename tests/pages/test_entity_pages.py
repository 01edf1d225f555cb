"""``/id/{slug}`` and ``/ontology`` in process: the page's sections, content negotiation, 404s, escaping."""

from __future__ import annotations

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import SKOS

from govkg.namespaces import ID
from tests.pages.conftest import MISCHIEF

HTML = {"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
SSG = "sundhedsstyregruppen"


def page(client: TestClient, path: str, **headers: str) -> str:
    response = client.get(path, headers={**HTML, **headers})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_an_entity_page_shows_chain_lines_passages_and_links_every_other_entity(client: TestClient) -> None:
    text = page(client, f"/id/{SSG}?lang=en")
    assert '<h1 id="label">Health Steering Group</h1>' in text
    assert "In Danish: Sundhedsstyregruppen" in text
    assert 'id="chain"' in text and "prepares cases for" in text
    assert 'href="/id/sundhedskoordinationsudvalget?lang=en"' in text, "the chain links the next page, in English"
    assert "Lines to here" in text and "Lines from here" in text
    assert "<blockquote" in text and "Document:" in text, "source passages with their document"
    assert 'href="/graph?focus=sundhedsstyregruppen&amp;lang=en"' in text
    assert "<script" not in text and "style=" not in text, "works under a strict CSP: no inline script or style"
    assert 'href="/static/pages/page.css"' in text and client.get("/static/pages/page.css").status_code == 200


def test_the_language_comes_from_lang_else_accept_language_else_danish(client: TestClient) -> None:
    assert '<h1 id="label">Sundhedsstyregruppen</h1>' in page(client, f"/id/{SSG}")
    english_browser = {"accept-language": "en-GB,en;q=0.9,da;q=0.5"}
    assert '<h1 id="label">Health Steering Group</h1>' in page(client, f"/id/{SSG}", **english_browser)
    assert '<h1 id="label">Sundhedsstyregruppen</h1>' in page(client, f"/id/{SSG}?lang=da", **{"accept-language": "en"})
    english = page(client, f"/id/{SSG}?lang=en")
    assert 'href="?lang=da"' in english and 'lang="en">EN</strong>' in english, "a switch to the other language"


def test_duties_memberships_posts_and_mandates_have_their_sections(client: TestClient) -> None:
    circle = page(client, "/id/sundhedsdirektoerkredsen?lang=en")
    assert 'id="duties-given"' in circle and "Quarterly" in circle
    region = page(client, "/id/region-midtjylland?lang=en")
    assert 'id="memberships"' in region or 'id="posts"' in region or "Lines to here" in region
    rkkp = page(client, "/id/rkkp?lang=en")
    assert 'id="findings"' in rkkp


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize(
    ("accept", "fmt", "rdf_format"),
    [
        ("text/turtle", "ttl", "turtle"),
        ("application/ld+json", "jsonld", "json-ld"),
        ("application/n-triples", "nt", "nt"),
    ],
)
def test_rdf_clients_get_a_bounded_description_that_parses(
    client: TestClient, accept: str, fmt: str, rdf_format: str
) -> None:
    by_accept = client.get(f"/id/{SSG}", headers={"accept": accept})
    by_param = client.get(f"/id/{SSG}?format={fmt}", headers=HTML)
    for response in (by_accept, by_param):
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert "Accept" in response.headers["vary"]
    graph = rdflib.Graph().parse(data=by_accept.text, format=rdf_format)
    entity = rdflib.URIRef(ID[SSG])
    labels = {str(label) for label in graph.objects(entity, SKOS.prefLabel)}
    assert {"Sundhedsstyregruppen", "Health Steering Group"} <= labels
    assert any(graph.objects(entity, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    quotes = set(graph.objects(None, rdflib.URIRef("https://w3id.org/govkg/ontology#quote")))
    assert quotes, "the passages' quotes come along"
    assert len(graph) < 2_000, "bounded"


def test_json_clients_get_the_rest_answer_with_page_links(client: TestClient) -> None:
    body = client.get(f"/id/{SSG}", headers={"accept": "application/json"}).json()
    assert body["page"] == f"/id/{SSG}" and body["slug"] == SSG
    rest = client.get("/api/entities/rkkp-ressourceperson/chain?lang=en").json()
    assert all(step["to"]["page"] == f"/id/{step['to']['slug']}" for step in rest["steps"])
    hits = client.get("/api/entities", params={"q": "rkkp"}).json()["items"]
    assert hits and all(hit["page"] == f"/id/{hit['slug']}" for hit in hits)


def test_a_name_in_any_case_leads_to_the_slug(client: TestClient) -> None:
    for asked in ("Sundhedsstyregruppen", "SUNDHEDSSTYREGRUPPEN", "Health%20Steering%20Group"):
        response = client.get(f"/id/{asked}?lang=en", headers=HTML, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"/id/{SSG}?lang=en", asked


def test_an_unknown_slug_is_a_404_page_for_browsers_and_json_for_clients(client: TestClient) -> None:
    browser = client.get("/id/sundhedsstyregrupen", headers=HTML)
    assert browser.status_code == 404 and browser.headers["content-type"].startswith("text/html")
    assert 'href="/id/sundhedsstyregruppen"' in browser.text, "did you mean the right one"
    api = client.get("/id/sundhedsstyregrupen")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    body = api.json()
    assert body["error"] == "NOT_FOUND" and SSG in [s["slug"] for s in body["suggestions"]]
    assert client.get("/id/x", headers={"accept": "image/png"}).status_code == 406


def test_every_label_quote_and_title_is_escaped(mischief_client: TestClient) -> None:
    for path in ("/id/evil?lang=da", "/id/evil?lang=en", "/id/top", "/id/evill"):
        response = mischief_client.get(path, headers=HTML)
        text = response.text
        assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text, path
        assert "<b>group</b>" not in text and "<em>Dokument</em>" not in text and "<i>tags</i>" not in text, path
    evil = mischief_client.get("/id/evil?lang=da", headers=HTML).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in evil
    data = mischief_client.get("/id/evil?format=jsonld").json()
    [evil_node] = [node for node in data if node["@id"] == str(ID["evil"])]
    assert MISCHIEF in [v["@value"] for v in evil_node[str(SKOS.prefLabel)]], "data formats carry the label as it is"


def test_the_vocabulary_has_its_page_and_turtle(client: TestClient) -> None:
    text = page(client, "/ontology?lang=en")
    assert 'id="gov:Body"' in text and "Collegial body" in text and "Concept schemes" in text
    assert 'href="#gov:Body"' in text, "terms link each other"
    danish = page(client, "/ontology?lang=da")
    assert "Kollegialt organ" in danish
    turtle = client.get("/ontology", headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=turtle.text, format="turtle")) > 100
