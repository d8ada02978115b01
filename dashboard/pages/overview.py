import dash

from dashboard.layouts import overview_page

dash.register_page(__name__, path="/", name="Overview", title="Overview · China Industrial Upgrading", order=0)


def layout(**_query):
    return overview_page()
