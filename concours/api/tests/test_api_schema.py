"""The OpenAPI schema and the Swagger UI page under the site's Content-Security-Policy."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from concours.api.tests.schema import generate_schema

pytestmark = pytest.mark.django_db


# --- OpenAPI schema and Swagger UI -----------------------------------------------------------


def test_schema_generates_without_warnings(tmp_path):
    """What ``manage.py spectacular --validate --fail-on-warn`` checks: it raises on any warning."""
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi: 3.0.3\n")


def test_schema_is_valid_and_lists_every_resource(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)  # raises if not valid OpenAPI 3.0
    assert sorted(schema["paths"]) == [
        "/api/v1/cities/",
        "/api/v1/cities/{slug}/",
        "/api/v1/competitions/",
        "/api/v1/competitions/{slug}/",
        "/api/v1/divisions/",
        "/api/v1/divisions/{id}/",
        "/api/v1/editions/",
        "/api/v1/editions/{id}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/interchange/editions/{slug}/{year}/",
        "/api/v1/interchange/validate/",
        "/api/v1/projects/",
        "/api/v1/projects/{slug}/",
        "/api/v1/rounds/",
        "/api/v1/rounds/{id}/",
    ]
    for path, operations in schema["paths"].items():
        # Read-only; validating an interchange document writes nothing either.
        expected = ["post"] if path == "/api/v1/interchange/validate/" else ["get"]
        assert list(operations) == expected, path
    components = schema["components"]["schemas"]
    assert {"Competition", "Edition", "Division", "Round", "Bilingual"} <= set(components)
    assert components["Bilingual"]["required"] == ["en", "zh"]
    assert components["Competition"]["properties"]["name"]["allOf"] == [
        {"$ref": "#/components/schemas/Bilingual"}
    ]
    filters = {
        path: sorted(p["name"] for p in operations["get"]["parameters"])
        for path, operations in schema["paths"].items()
        if not path.endswith("}/") and "get" in operations
    }
    assert filters == {
        "/api/v1/cities/": ["limit", "offset"],
        "/api/v1/competitions/": ["limit", "offset"],
        "/api/v1/divisions/": ["edition", "limit", "offset"],
        "/api/v1/editions/": ["competition", "limit", "offset", "year"],
        "/api/v1/events/": ["city", "competition", "from", "kind", "limit", "offset"],
        "/api/v1/projects/": ["city", "competition", "kind", "limit", "offset", "status"],
        "/api/v1/rounds/": ["division", "limit", "offset"],
    }


def test_served_schema_is_the_generated_one(client):
    """``test_schema_fuzz`` builds its schema without a request; it must be the one that is served."""
    served = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    assert served == json.loads(json.dumps(generate_schema()))


class _PageParts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str | None] = []
        self.stylesheets: list[str] = []
        self.other_urls: list[str] = []
        self.style_elements = 0
        self.style_attributes = 0
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes.get("src"))
        elif tag == "style":
            self.style_elements += 1
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        elif tag == "link" or "src" in attributes:
            self.other_urls.append(attributes.get("href") or attributes["src"])
        self.style_attributes += "style" in attributes
        self.event_handlers += [name for name in attributes if name.startswith("on")]


def csp_directives(header):
    directives = {}
    for part in filter(str.strip, header.split(";")):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def csp_allows(directives, directive, url):
    """Whether a same-origin ``url`` may load under ``directive`` (or its ``default-src`` fallback)."""
    sources = directives.get(directive, directives.get("default-src", []))
    if url.startswith("data:"):
        return "data:" in sources
    assert not urlsplit(url).netloc, url  # only same-origin URLs are expected here
    return "'self'" in sources


def test_docs_page_works_under_the_sites_csp(client, settings):
    # Serve the static files that the page references, as in development.
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = _PageParts()
    page.feed(response.content.decode())
    csp = csp_directives(response["Content-Security-Policy"])

    # No inline code or styles, which script-src/style-src 'self' would block.
    assert None not in page.scripts
    assert page.style_elements == page.style_attributes == 0
    assert page.event_handlers == []

    static = settings.STATIC_URL
    swagger = f"{static}drf_spectacular_sidecar/swagger-ui-dist/"
    assert page.scripts == [
        f"{swagger}swagger-ui-bundle.js",
        f"{swagger}swagger-ui-standalone-preset.js",
        "/api/docs/?script=",
    ]
    assert page.stylesheets == [f"{swagger}swagger-ui.css", f"{static}api/swagger-ui-page.css"]
    assert page.other_urls == [f"{swagger}favicon-32x32.png"]

    # Everything comes from this site, is allowed by the CSP and is served with a type that
    # ``X-Content-Type-Options: nosniff`` lets the browser use.
    assert response["X-Content-Type-Options"] == "nosniff"
    expected_types = {"script-src": "javascript", "style-src": "text/css", "img-src": "image/png"}
    for directive, urls in [
        ("script-src", page.scripts),
        ("style-src", page.stylesheets),
        ("img-src", page.other_urls),
    ]:
        for url in urls:
            assert urlsplit(url).scheme == urlsplit(url).netloc == "", url
            assert csp_allows(csp, directive, url), (directive, url)
            if url.startswith(static):
                assert finders.find(url.removeprefix(static)), url
            served = client.get(url)
            served.close()  # WhiteNoise streams the file: let go of it
            assert served.status_code == 200, url
            assert expected_types[directive] in served["Content-Type"], url

    # The initialisation script loads the schema from this site (connect-src) and contains no
    # leftover template syntax.
    script = client.get("/api/docs/?script=").content.decode()
    assert 'url: "/api/schema/"' in script
    assert "{{" not in script
    assert "{%" not in script
    assert csp_allows(csp, "connect-src", "/api/schema/")
    # Swagger UI's stylesheet uses data: images.
    assert csp_allows(csp, "img-src", "data:image/png;base64,")
