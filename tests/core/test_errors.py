"""Localized error pages and the JSON error shape."""

from marketplace import create_app
from tests.conftest import make_config


def test_404_and_403_pages_are_localized(browser):
    response = browser.get("/no/such/page")
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)
    browser.post("/language", {"locale": "zh_Hant", "next": "/"})
    assert "頁面不存在" in browser.get("/no/such/page").get_data(as_text=True)


def test_500_page_is_localized_and_hides_the_error(database_url, tmp_path):
    config = make_config(database_url, tmp_path)
    config["TESTING"] = False
    app = create_app(config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "出错了" in body and "secret internal detail" not in body


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json == {"error": {"code": "not_found", "message": "您访问的页面不存在或已被删除。"}}


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
