# The API image for docker-compose.yml: runtime dependencies only, pinned with hashes.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements-runtime.lock .
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements-runtime.lock
COPY app.py settings.py middleware.py timing.py ./
COPY schema/ schema/
COPY resolvers/ resolvers/
COPY cypher/ cypher/
# The web client; the playground's vendored GraphiQL is not in the image (it is off in production).
COPY web/public/ web/public/
RUN useradd --system --uid 10001 vernetzt
USER vernetzt
EXPOSE 8000
# WORKERS: API processes on one port; one per core (they share nothing but Neo4j).
CMD ["sh", "-c", "exec uvicorn --factory app:main_app --host ${HOST:-0.0.0.0} --port ${PORT:-8000} --workers ${WORKERS:-1}"]
