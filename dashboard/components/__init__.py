"""Dash component trees, split by concern; no store access, no callbacks.

``ids`` (every component id), ``frame`` (navbar, footer, notices), ``controls`` (filters
and their option lists), ``chart_card``, ``data_table`` and ``sources``.
"""
