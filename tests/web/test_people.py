"""People and organisation pages, their JSON twins and links, against the real web archive."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

from cablebase.entities.extract import tag_kinds
from cablebase.service import Archive

CLINTON_TAG = "OVIP (CLINTON, HILLARY)"
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")


def _ids(client: TestClient, query: str) -> set[str]:
    found: set[str] = set()
    url: str | None = f"/search.json?q={quote(query)}&limit=100"
    while url:
        data = client.get(url).json()
        found |= {h["reference_id"] for h in data["hits"]}
        url = data["next"] and data["next"].replace("/search?", "/search.json?", 1)
    return found


def test_people_index_is_ordered_and_links_resolve(client: TestClient) -> None:
    data = client.get("/people.json").json()
    assert data["total"] > 100
    counts = [e["cables"] for e in data["entries"]]
    assert counts == sorted(counts, reverse=True)
    top = data["entries"][0]
    page = client.get(top["url"] + ".json").json()
    assert page["name"] == top["name"] and page["total"] == top["cables"]
    html = client.get("/people").text
    assert f'href="{top["url"]}"' in html


def test_person_page_agrees_with_person_query(client: TestClient) -> None:
    for entry in client.get("/people.json?limit=5").json()["entries"]:
        page = client.get(entry["url"] + ".json").json()
        ids = _ids(client, f'person:"{page["name"]}"')
        assert len(ids) == page["total"] == entry["cables"]
        assert sum(y["count"] for y in page["by_year"]) == page["total"]
        assert sum(m["count"] for m in page["by_month"]) == page["total"]
        # the page's own listing pages through the same cables
        assert page["effective_query"].startswith("person:")


def test_person_tag_cables_are_found_by_person_query(client: TestClient) -> None:
    tagged = _ids(client, f'tag:"{CLINTON_TAG}"')
    assert tagged  # the Cablegate sample has such cables
    by_person = _ids(client, 'person:"Hillary Clinton"')
    assert tagged <= by_person
    page = client.get("/person/clinton-hillary.json").json()
    assert {"surface": CLINTON_TAG, "count": len(tagged)} in page["surfaces"]
    assert any(r["role"] == "tagged" for r in page["roles"])


def test_cable_page_links_its_people_and_organisations(
    client: TestClient, web_archive: Path
) -> None:
    clause = quote(f'tag:"{CLINTON_TAG}"')
    hit = client.get(f"/search.json?q={clause}").json()["hits"][0]
    cable = client.get(f"/cable/{hit['reference_id']}.json").json()
    tagged = [e for e in cable["entities"] if e["role"] == "tagged"]
    assert tagged[0]["url"] == "/person/clinton-hillary"
    html = client.get(f"/cable/{hit['reference_id']}").text
    assert 'href="/person/clinton-hillary"' in html
    # a cable with a Classified By line links the classifier, under the name it writes
    with Archive.open(web_archive) as arc:
        reference_id, surface = arc.store.conn.execute(
            "SELECT reference_id, surface FROM entities WHERE role = 'classified-by' LIMIT 1"
        ).fetchone()
        record = arc.get(reference_id)
    assert record["classified_by"] == surface
    entities = client.get(f"/cable/{reference_id}.json").json()["entities"]
    classifier = next(e for e in entities if e["role"] == "classified-by")
    assert classifier["surface"] == surface
    assert client.get(classifier["url"] + ".json").status_code == 200
    assert f'href="{classifier["url"]}"' in client.get(f"/cable/{reference_id}").text


def test_aliases_redirect_to_one_url(client: TestClient) -> None:
    merged = next(e for e in client.get("/people.json?limit=100").json()["entries"] if e["names"])
    alias = merged["names"][0]
    response = client.get(f"/person/{quote(alias)}.json", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == merged["url"] + ".json"
    # the alias's cables are the person's: person:ALIAS finds them all
    assert _ids(client, f'person:"{alias}"') == _ids(client, f'person:"{merged["name"]}"')


def test_unknown_person_is_a_404_in_the_one_error_shape(client: TestClient) -> None:
    response = client.get("/person/no-such-person-here.json")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and "/people" in error["hint"]


def test_organisation_page_and_index(client: TestClient) -> None:
    orgs = client.get("/orgs.json").json()
    codes = {e["key"] for e in orgs["entries"]}
    assert "NATO" in codes
    nato = client.get("/org/NATO.json").json()
    assert nato["meaning"] == "North Atlantic Treaty Organization"
    assert nato["total"] == len(_ids(client, "tag:NATO"))
    assert "/org/NATO" in client.get("/orgs").text


def test_places_are_origins_and_geographic_tags(web_archive: Path) -> None:
    with Archive.open(web_archive) as arc:
        origins = arc.places("embassy")
        assert origins and all(p.name.startswith("Embassy") for p in origins)
        paris = next(p for p in origins if p.name == "Embassy Paris")
        assert paris.key == "embassy-paris"
        assert paris.cables == len(list(arc.iter_ids('origin:"Embassy Paris"')))
        kinds = tag_kinds()
        country = next(p for p in arc.places() if kinds.get(p.key, ({""}, ""))[0] == {"geographic"})
        assert country.name == kinds[country.key][1]  # the country's name, not its code
        assert country.cables == len(list(arc.iter_ids(f"tag:{country.key}")))


def test_person_facet_in_search(client: TestClient) -> None:
    aliases = {
        alias
        for e in client.get("/people.json?limit=100").json()["entries"]
        for alias in e["names"]
    }
    for query in ("terrorism", "date:2005..2010"):
        data = client.get(f"/search.json?q={quote(query)}").json()
        people = data["facets"]["person"]
        assert people and not aliases & {p["value"] for p in people}  # one bucket a person
        for bucket in people:
            narrowed = client.get(
                f"/search.json?q={quote(query)}&f={quote(bucket['filter'])}&limit=1"
            ).json()
            assert narrowed["total"] == bucket["count"], bucket


def test_person_page_in_a_browser(page: Any, server_url: str, client: TestClient) -> None:
    # the first person the archive knows under more than one name
    top = next(e for e in client.get("/people.json?limit=100").json()["entries"] if e["names"])
    page.goto(server_url + "/people?limit=100")
    page.click(f'a[href="{top["url"]}"]')
    page.wait_for_url(f"**{top['url']}")
    assert page.inner_text("h1") == top["name"]
    assert page.locator(".histogram rect.bar").count() > 0
    assert top["names"][0] in page.inner_text(".entity-facts")
    assert page.locator(".hits .hit").count() == min(20, top["cables"])
    shown = page.inner_text(".total strong").replace(",", "")
    assert int(shown) == top["cables"]
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / "person.png"), full_page=False)


def test_pages_are_twins_by_accept_and_carry_no_inline_code(client: TestClient) -> None:
    for path in ("/people", "/orgs?q=n", "/person/aguirre-eduardo", "/org/NATO"):
        html = client.get(path)
        assert html.headers["content-type"].startswith("text/html")
        assert "<script>" not in html.text and " style=" not in html.text
        by_accept = client.get(path, headers={"Accept": "application/json"}).json()
        base, _, query = path.partition("?")
        assert by_accept == client.get(f"{base}.json" + (f"?{query}" if query else "")).json()


def test_people_pages_page_through_everyone(client: TestClient) -> None:
    first = client.get("/people.json?limit=7").json()
    second = client.get(first["next"].replace("/people?", "/people.json?")).json()
    keys = [e["key"] for e in first["entries"] + second["entries"]]
    assert len(set(keys)) == 14
    assert [e["key"] for e in client.get("/people.json?limit=14").json()["entries"]] == keys


def test_person_page_fits_a_phone(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for path in ("/person/aguirre-eduardo", "/people"):
        tab.goto(server_url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()
