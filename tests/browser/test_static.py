"""What the server sends a browser: the client's files at /, a CSP allowing only our own
scripts, and nothing of node_modules but the few vendored files the playground needs."""

from __future__ import annotations

from tests.support.client import Api


async def test_the_client_is_served_at_the_root_with_a_strict_csp(api: Api) -> None:
    page = await api.client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/js/app.js">' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp
    module = await api.client.get("/js/api.js")
    assert module.status_code == 200
    assert "javascript" in module.headers["content-type"]


async def test_the_playground_page_is_ours_and_loads_vendored_files(api: Api) -> None:
    page = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert '<script src="/vendor/graphiql.min.js"></script>' in page.text
    assert "script-src 'self';" in page.headers["content-security-policy"]
    for name in ("graphiql.min.js", "graphiql.min.css", "react.production.min.js"):
        assert (await api.client.get(f"/vendor/{name}")).status_code == 200, name


async def test_nothing_else_of_web_is_served(api: Api) -> None:
    outside = [
        "/vendor/package.json",
        "/vendor/..%2Fpackage.json",
        "/package.json",
        "/node_modules/react/package.json",
        "/vendor/graphiql%2Fpackage.json",
    ]
    for path in outside:
        assert (await api.client.get(path)).status_code == 404, path
