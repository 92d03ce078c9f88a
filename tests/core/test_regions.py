from marketplace.core import regions


def test_provinces_and_cities_come_from_the_data_package():
    names = {r.name for r in regions.provinces()}
    assert {"北京市", "广东省", "新疆维吾尔自治区", "香港特别行政区"} <= names
    assert len(names) == 34  # the 34 provincial-level divisions
    guangdong = {r.name for r in regions.cities("440000")}
    assert {"广州市", "深圳市"} <= guangdong and "杭州市" not in guangdong


def test_special_cases():
    assert [c.code for c in regions.cities("110000")] == ["110100"]  # a municipality is its own city
    assert [c.code for c in regions.cities("810000")] == ["810000"]  # Hong Kong has no prefecture level
    assert "419001" in {c.code for c in regions.cities("410000")}  # 济源市, governed by Henan directly
    assert regions.cities("440300") == ()  # a city is not a province
    assert regions.label("440300") == "广东省 深圳市" and regions.label("000000") == ""
