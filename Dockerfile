# syntax=docker/dockerfile:1
# hubbub-relay for operators, built from this repository:
#
#   docker build -t hubbub-relay .
#   docker run -p 8080:8080 -v hubbub-data:/data -e HUBBUB_SECRET=... hubbub-relay --allowed-origins https://site.example
#
# node is PID 1 (exec form: no npx, npm or shell in between), so `docker stop`'s SIGTERM reaches
# the relay, which closes every socket with 1012 (clients resume), flushes SQLite and exits 0.
# Settings: flags after the image name, HUBBUB_* variables, or `--config /data/relay.json`.

# 1. Compile the relay (server/ and src/protocol/) and pack it as npm would publish it.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && node scripts/build-relay.mjs \
  && npm pack --workspace hubbub-relay --pack-destination /tmp

# 2. Install the packed relay with its production dependencies only (better-sqlite3 is native:
#    a prebuilt binary when one fits, else compiled here).
FROM node:20-bookworm-slim AS install
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /tmp/hubbub-relay-*.tgz /tmp/
RUN npm init -y >/dev/null \
  && npm pkg set allowScripts.better-sqlite3=true --json \
  && npm install --omit=dev --no-audit --no-fund /tmp/hubbub-relay-*.tgz

# 3. The image: node, the installed relay, a non-root user, the data in a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  HUBBUB_HOST=0.0.0.0 \
  HUBBUB_PORT=8080 \
  HUBBUB_DATA=/data
COPY --from=install /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers 503 once the store failed or while the relay shuts down.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HUBBUB_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/node_modules/hubbub-relay/bin/hubbub-relay.js"]
