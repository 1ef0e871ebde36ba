# syntax=docker/dockerfile:1
# Build stage: install seriesbot and its dependencies into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gcc libxml2-dev libxslt1-dev \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot && touch bot/__init__.py && pip install . && pip uninstall -y seriesbot
COPY bot ./bot
RUN pip install --no-deps .

# Run stage: the virtual environment, a non-root user and a volume for SQLite.
FROM python:3.11-slim
# No SERIESBOT_DATABASE_URL here: the [store] url of the config file rules unless the operator sets the variable.
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 \
    SERIESBOT_CONFIG=/app/config/seriesbot.toml
# The shipped file keeps SQLite at data/seriesbot.db under the working directory: /app/data is the /data volume.
RUN useradd --create-home --uid 10001 seriesbot && mkdir -p /data /app/config && chown seriesbot /data \
    && ln -s /data /app/data
COPY --from=build /opt/venv /opt/venv
COPY config /app/config
WORKDIR /app
USER seriesbot
VOLUME ["/data"]
# Ask the running bot: its [http] server (on in the shipped file) answers /healthz on loopback.
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]
CMD ["seriesbot", "run"]
