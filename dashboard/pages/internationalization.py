import dash

from dashboard.layouts import dimension_page

dash.register_page(__name__, path="/internationalization", name="Internationalization", title="Internationalization · China Industrial Upgrading", order=5)


def layout(**query):
    return dimension_page("internationalization", query)
