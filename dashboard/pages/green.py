import dash

from dashboard.layouts import dimension_page

dash.register_page(__name__, path="/green", name="Green transformation", title="Green transformation · China Industrial Upgrading", order=4)


def layout(**query):
    return dimension_page("green", query)
