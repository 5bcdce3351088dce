def test_officer_reaches_home_with_office_communes(officer):
    page = officer.get("/").get_data(as_text=True)
    assert "Xã Chế Tạo" in page
    assert "Mí Háng" in page
