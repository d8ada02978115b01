import dash

from dashboard.lang import page_lang
from dashboard.layouts import overview_page

dash.register_page(__name__, path="/", name="Overview", title="Overview · China Industrial Upgrading", order=0)


def layout(**query):
    page_lang(query)
    return overview_page()
