# The API image for docker-compose.yml: runtime dependencies only, pinned with hashes.
# PYTHON_IMAGE names the base; where Docker Hub cannot be reached, containers/images.sh builds a
# stand-in (docs/containers.md).
ARG PYTHON_IMAGE=python:3.13-slim
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements-runtime.lock .
RUN pip install --no-cache-dir --disable-pip-version-check --require-hashes --no-deps \
      -r requirements-runtime.lock
# The packages the API runs: the edge, the three layers and the settings (no module lies at
# the root, tests/unit/test_layers.py).
COPY settings/ settings/
COPY server/ server/
COPY schema/ schema/
COPY resolvers/ resolvers/
COPY cypher/ cypher/
# The web client, and the list of its operations the server knows (and in trusted mode runs
# alone); the playground's vendored GraphiQL is not in the image (it is off in production).
COPY web/public/ web/public/
COPY web/operations.json web/
# The build's version, for the metrics' build info.
COPY pyproject.toml .
# Not root: the process cannot change its own code or the image's packages.
RUN useradd --system --uid 10001 --no-create-home vernetzt
USER 10001:10001
ENV VERNETZT_ENV=production HOST=0.0.0.0 PORT=8000
EXPOSE 8000
# WORKERS: API processes on one port; one per core (they share nothing but Neo4j). The WebSocket
# options are server.websocket.uvicorn_flags (docs/security.md): the protocol that cuts off a peer that
# takes nothing, messages of 64 KiB at most, no compression.
# PROMETHEUS_MULTIPROC_DIR: the workers' metrics files, emptied before they start (server/metrics.py).
ENV PROMETHEUS_MULTIPROC_DIR=/tmp/vernetzt-metrics
CMD ["sh", "-c", "rm -rf \"$PROMETHEUS_MULTIPROC_DIR\" && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && exec uvicorn --factory server.app:main_app --log-config server/logging.json --host ${HOST} --port ${PORT} --workers ${WORKERS:-1} --ws server.websocket:BoundedWebSockets --ws-max-size 65536 --ws-per-message-deflate false"]
