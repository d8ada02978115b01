"""Thin page modules: each registers a route and delegates to dashboard.layouts."""
