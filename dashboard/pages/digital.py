import dash

from dashboard.layouts import dimension_page

dash.register_page(__name__, path="/digital", name="Digital transformation", title="Digital transformation · China Industrial Upgrading", order=3)


def layout(**query):
    return dimension_page("digital", query)
