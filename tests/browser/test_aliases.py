"""A shared link with an old indicator id (dashboard/content/aliases.toml) opens the indicator it became."""

from __future__ import annotations

import numpy as np
from browser_helpers import figure, goto, series, traces


def test_old_indicator_id_opens_the_new_indicator_and_the_url_names_it(page):
    goto(page, "/endowments?indicator=graduate_students")
    fig = figure(page, "ts")
    assert fig["layout"]["meta"]["indicator"] == "graduate_admissions"
    # the drawn values are graduate_admissions' rows of the shipped Parquet file
    x, y = traces(page)["China"]
    expected = series("graduate_admissions")
    assert [int(v) for v in x] == list(expected.index) == [2012, 2017, 2021, 2022]
    np.testing.assert_allclose(np.asarray(y, dtype="float64"), expected.to_numpy(), rtol=1e-9)
    notice = page.locator(".url-notice")
    assert notice.is_visible()
    assert "graduate_students is now graduate_admissions" in notice.inner_text()
    # the URL sync rewrote the link with the new id
    page.wait_for_function("() => location.search === '?indicator=graduate_admissions'", polling=100)
    # the indicator picker shows the new indicator (its catalog name)
    assert "Graduate admissions" in page.locator("#indicator").inner_text()
