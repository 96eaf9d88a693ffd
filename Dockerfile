# The app image for docker-compose.yml (not exercised by CI here: no Docker engine on these machines).
# .dockerignore keeps .env, .git, .neo4j and local environments out of it; build web/ first (make setup)
# for the Explorer and the playground.
FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e . \
    && useradd --system --no-create-home --shell /usr/sbin/nologin peelgraph
# Production settings: GraphQL introspection and debug off (README, "Security").
ENV PEELGRAPH_HOST=0.0.0.0 PEELGRAPH_INTROSPECTION=false PEELGRAPH_DEBUG=false
# The code stays root's: the app cannot change it.
USER peelgraph
EXPOSE 8000
CMD ["sh", "-c", "peelgraph load && peelgraph serve --workers ${PEELGRAPH_WORKERS:-2}"]
