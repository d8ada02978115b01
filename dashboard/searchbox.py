"""Wire the folding search of ``assets/40_search.js`` to the indicator picker (issue 9, item 7)."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

SEARCHABLE = ("indicator",)  # dropdown ids whose options carry folded ``search`` keys


def register(app) -> None:
    """Register one browser-side callback per searchable dropdown: typed text -> option keys."""
    for dd in SEARCHABLE:
        app.clientside_callback(
            ClientsideFunction(namespace="dashboard_search", function_name="filterOptions"),
            Output(dd, "options"),
            Input(dd, "search_value"),
            State(dd, "options"),
            prevent_initial_call=True,
        )
