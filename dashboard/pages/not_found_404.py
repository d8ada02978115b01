import dash

from dashboard.data.i18n import N_
from dashboard.lang import page_lang, page_title
from dashboard.layouts import not_found_page

dash.register_page(__name__, path="/404", name="Not found", title=page_title(N_("Page not found")))


def layout(**query):
    page_lang(query)
    return not_found_page()
