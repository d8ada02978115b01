"""Entry point: ``python app.py [--host H] [--port P] [--data-dir DIR] [--debug]``.

Production: ``gunicorn app:server`` (configure with DASHBOARD_* environment variables).
Run from the command line, it is ``python -m dashboard serve`` (one run path:
:func:`dashboard.__main__.serve`).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from dashboard.__main__ import serve

    sys.exit(serve(sys.argv[1:]))
else:
    from dashboard import Settings, create_app
    from dashboard.app_factory import warm_up

    app = create_app(Settings.from_env())
    warm_up(app)  # before gunicorn forks its workers: they start with it in memory (issue 14)
    server = app.server
