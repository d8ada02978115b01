# China Industrial Upgrading Dashboard: production image (gunicorn, data baked in, non-root).
#   docker build -t china-upgrading-dashboard .
#   docker run --rm -p 8050:8050 china-upgrading-dashboard
# Smoke test (build, start, /health, uid, HEALTHCHECK state, a page): scripts/docker_smoke.sh
#
# The base image is a build argument: the official python:3.11-slim by default; any Debian-like
# image with Python 3.11, its venv module and bash works (the smoke script can build a Debian
# bookworm base locally with debootstrap: --build-arg BASE_IMAGE=local/bookworm-python).
# Every step fails the build when it fails: nothing is masked with `|| true`.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

# bash with errexit/nounset/pipefail for every RUN, so a failure anywhere in a chain stops the build.
SHELL ["/bin/bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c"]

# PATH is spelled out in full (an imported base image may define none): the venv comes first.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LANG=C.UTF-8 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The app's own Python environment, the same on every base: Debian's system python3 is
# "externally managed" (PEP 668, no pip install into it); python:3.11-slim's is not, but a venv
# keeps the two bases alike. The interpreter must be 3.11 (pyproject: requires-python >= 3.11).
RUN python3 -c 'import sys; assert sys.version_info[:2] >= (3, 11), sys.version' \
 && python3 -m venv /opt/venv \
 && /opt/venv/bin/python -m pip --version

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first (cached layer): the project metadata and package, then the rest.
# gunicorn runs from /app, so the app imports /app/dashboard and finds /app/assets beside it;
# the installed copy only brings the pinned dependencies. `pip check` fails the build on a broken
# dependency set; pip itself is removed afterwards (pip uninstall of a missing package exits 0).
COPY pyproject.toml README.md* ./
COPY dashboard ./dashboard
RUN python -m pip install --no-compile . \
 && python -m pip check \
 && python -m pip uninstall -y pip setuptools wheel

COPY app.py gunicorn.conf.py ./
COPY assets ./assets
COPY datasets ./datasets

# Listen on all interfaces inside the container only (the app's own default is 127.0.0.1).
# Debug is never on in the image.
ENV DASHBOARD_HOST=0.0.0.0 \
    DASHBOARD_PORT=8050 \
    DASHBOARD_DEBUG=0 \
    DASHBOARD_DATA_DIR=/app/datasets

USER app:app

# Fail the build, not the first start: the baked-in data must pass the data contract, and the
# WSGI app must import and build (all pages, callbacks and the data store) as the runtime user.
RUN python -m dashboard validate /app/datasets \
 && python -c 'import app; assert app.server is not None; assert not app.app.server.debug'

EXPOSE 8050

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/opt/venv/bin/python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('DASHBOARD_PORT', '8050'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
