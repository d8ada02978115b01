"""Reusable layout components shared by every page."""
