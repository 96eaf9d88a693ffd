# The app image for docker-compose.yml (not exercised by CI here: no Docker engine on these machines).
FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
ENV PEELGRAPH_HOST=0.0.0.0
EXPOSE 8000
CMD ["sh", "-c", "peelgraph load && peelgraph serve --workers ${PEELGRAPH_WORKERS:-2}"]
