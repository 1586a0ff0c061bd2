# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=false
WORKDIR /app
RUN useradd --create-home --uid 1000 app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && rm -rf build
COPY . .
RUN DEBUG=true python manage.py collectstatic --noinput
USER app
EXPOSE 8000
CMD ["gunicorn", "pgaanpak.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
