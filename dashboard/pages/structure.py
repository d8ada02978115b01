import dash

from dashboard.layouts import dimension_page

dash.register_page(__name__, path="/structure", name="Industrial structure", title="Industrial structure · China Industrial Upgrading", order=2)


def layout(**query):
    return dimension_page("structure", query)
