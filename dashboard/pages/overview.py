import dash

from dashboard.data.i18n import N_
from dashboard.lang import page_lang, page_title
from dashboard.layouts import overview_page

dash.register_page(__name__, path="/", name="Overview", title=page_title(N_("Overview")), order=0)


def layout(**query):
    page_lang(query)
    return overview_page(query)
