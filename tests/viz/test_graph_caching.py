"""The org-graph page is heavy (vis-network inlined): browsers revalidate it until the data changes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.service import reload
from govkg.store import EmbeddedStore


def test_the_page_revalidates_with_304_until_the_data_changes(settings: Settings) -> None:
    store = EmbeddedStore()
    reload(store, settings)
    with TestClient(create_app(settings, store=store)) as client:
        first = client.get("/graph", params={"focus": "sundhedsstyregruppen", "depth": 1})
        etag = first.headers["etag"]
        assert first.status_code == 200 and etag

        again = client.get(
            "/graph", params={"focus": "sundhedsstyregruppen", "depth": 1}, headers={"If-None-Match": etag}
        )
        assert again.status_code == 304 and again.content == b""

        other = client.get("/graph", params={"focus": "rkkp", "depth": 1}, headers={"If-None-Match": etag})
        assert other.status_code == 200 and other.headers["etag"] != etag, "another view is another representation"

        store.update(
            'INSERT DATA { <https://w3id.org/govkg/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "x"@da }'
        )
        changed = client.get(
            "/graph", params={"focus": "sundhedsstyregruppen", "depth": 1}, headers={"If-None-Match": etag}
        )
        assert changed.status_code == 200 and changed.headers["etag"] != etag, "new data, new page"
