# China Industrial Upgrading Dashboard: production image (gunicorn, data baked in, non-root).
#   docker build -t china-dashboard .
#   docker run --rm -p 8050:8050 china-dashboard
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first (cached layer): the project metadata and package, then the rest.
# gunicorn runs from /app, so the app imports /app/dashboard and finds /app/assets beside it;
# the installed copy only brings the pinned dependencies.
COPY pyproject.toml README.md* ./
COPY dashboard ./dashboard
RUN pip install --no-compile . \
 && pip uninstall -y pip setuptools wheel 2>/dev/null || true

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
EXPOSE 8050

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('DASHBOARD_PORT', '8050'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
