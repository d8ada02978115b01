import dash

from dashboard.layouts import dimension_page

dash.register_page(__name__, path="/endowments", name="Factor endowments", title="Factor endowments · China Industrial Upgrading", order=1)


def layout(**query):
    return dimension_page("endowments", query)
