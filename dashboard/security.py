"""Security and robustness hooks installed on the Flask server by the app factory.

(Filled in by the reliability work: security headers, request guards, error handlers.)
"""

from __future__ import annotations


def install(app) -> None:
    """Install security headers and request guards on ``app.server``."""
    return None
