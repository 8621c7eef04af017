def test_health_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": {"status": "ok"},
                                   "jobs": {"status": "ok", "mode": "inline", "stuck": 0}}
