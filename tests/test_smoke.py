def test_home_page_is_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert '<html lang="zh-Hans">' in body
    assert "科技成果转化交易平台" in body


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"]["ok"] is True


def test_healthz_reports_search_backend_and_outbox_lag(client):
    body = client.get("/healthz").json
    assert body["search"]["ok"] is True and body["search"]["backend"] == "embedded"
    assert set(body["search"]["outbox"]) == {"pending", "failing", "lag_seconds"}
