# syntax=docker/dockerfile:1
# sitrep worker image. Build: docker build -t sitrep .   Run: docker compose up

# --- build: compile TypeScript to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script builds, and the sources are not copied yet.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies, compiled code, config ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SITREP_HTTP_HOST=0.0.0.0 \
    SITREP_HTTP_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run `npm run build`, which needs the dev dependencies.
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SITREP_HTTP_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# bin/sitrep.js runs dist/cli/index.js when it exists. The V8 flags keep the worker's heap
# near its live size (docs/SCALING.md, "Worker memory"); bench/worker-rss.bench.ts runs this line.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "bin/sitrep.js", "start"]
