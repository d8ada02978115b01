"""Entry point: ``python app.py [--host H] [--port P] [--data-dir DIR] [--debug]``.

Production: ``gunicorn app:server`` (configure with DASHBOARD_* environment variables).
"""

from __future__ import annotations

import logging
import sys

from dashboard import Settings, create_app

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_args(sys.argv[1:])
    app = create_app(settings)
    app.run(host=settings.host, port=settings.port, debug=settings.debug,
            dev_tools_disable_version_check=True)
else:
    app = create_app(Settings.from_env())
    server = app.server
