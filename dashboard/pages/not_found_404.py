import dash

from dashboard.lang import page_lang
from dashboard.layouts import not_found_page

dash.register_page(__name__, path="/404", name="Not found", title="Page not found · China Industrial Upgrading")


def layout(**query):
    page_lang(query)
    return not_found_page()
