# The app image for docker-compose.yml (not exercised by CI here: no Docker engine on these machines).
# It installs what a user installs: the locked dependencies and the wheel, no source tree. .dockerignore keeps
# .env, .git, .neo4j and local environments out of the build.
FROM node:22-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim AS wheel
# A C compiler, for mypyc to compile the parser (setup.py); the image that runs the wheel needs none.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
COPY --from=web /src/web/dist web/dist
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --require-hashes --no-deps -r /tmp/requirements.lock
COPY --from=wheel /wheels /wheels
RUN pip install --no-cache-dir --no-deps /wheels/*.whl && rm -rf /wheels /tmp/requirements.lock \
    && useradd --system --no-create-home --shell /usr/sbin/nologin peelgraph
WORKDIR /app
# Production settings: GraphQL introspection and debug off (README, "Security").
ENV PEELGRAPH_HOST=0.0.0.0 PEELGRAPH_INTROSPECTION=false PEELGRAPH_DEBUG=false
# The code stays root's: the app cannot change it.
USER peelgraph
EXPOSE 8000
CMD ["sh", "-c", "peelgraph load && peelgraph serve --workers ${PEELGRAPH_WORKERS:-2}"]
