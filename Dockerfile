# A production-like image: gunicorn serving Django, the same image running the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext nodejs npm \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN DEBUG=true python manage.py compilemessages -v 0 --ignore=node_modules \
 && DEBUG=true python manage.py collectstatic --no-input -v 0

RUN useradd --create-home liudong && mkdir -p /app/var/media && chown -R liudong /app/var
USER liudong
EXPOSE 8000
# Request line and headers bounded here; bodies by Django and liudong_wages.limits (gunicorn has no body limit).
CMD ["gunicorn", "liudong_wages.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", \
     "--limit-request-line", "4094", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
