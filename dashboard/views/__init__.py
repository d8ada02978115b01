"""Pages and sections of issue 12: the overview's milestones, the scorecard page and the report page.

Between the page layouts (:mod:`dashboard.layouts`, which embeds the milestones section) and
:mod:`dashboard.render`; :func:`dashboard.views.callbacks.register` wires their callbacks and the
scorecard's CSV route (called from the app factory).
"""
