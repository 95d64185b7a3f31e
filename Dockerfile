# The application image for docker-compose.yml: web (gunicorn), worker, beat and migrate run
# it with the commands of the Procfile. The front-end files (Bootstrap, htmx) come from the
# npm registry with the locked package-lock.json and are collected into the image.
FROM node:22-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
# WeasyPrint (the Work Placement Agreement's PDF) draws with Pango and needs fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --from=assets /app/node_modules ./node_modules
COPY . .
# Static files are built into the image (whitenoise serves them); the key is a placeholder
# that signs nothing: the real one comes from the environment at run time.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && useradd --uid 1000 --create-home kentplacements \
 && mkdir -p /app/media && chown kentplacements /app/media
USER kentplacements
EXPOSE 8000
CMD ["gunicorn", "kentplacements.wsgi", "--bind", "0.0.0.0:8000", "--forwarded-allow-ips", "*", "--timeout", "60"]
