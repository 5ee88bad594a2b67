# Sourced after env.sh and infra.sh: builds the demo app and starts the demo backend (which serves
# the built app) on a free port against the running Kafka and registry, for the browser tests.
ensure_chromium() {
  MESHPORT_CHROMIUM="${MESHPORT_CHROMIUM:-/usr/bin/chromium}"
  export MESHPORT_CHROMIUM
  [ -x "$MESHPORT_CHROMIUM" ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Debian's Chromium for the browser tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: the browser tests need Chromium at $MESHPORT_CHROMIUM: install it (sudo apt-get install -y chromium) or set MESHPORT_CHROMIUM." >&2
    exit 1
  fi
}

start_portal() {
  local run_dir="$MESHPORT_INFRA_RUN_DIR"
  local port url cluster_config portal_config log
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  url="http://localhost:$port"
  cluster_config="$run_dir/app-config.cluster.yaml"
  portal_config="$run_dir/app-config.e2e.yaml"
  log="$run_dir/backend.log"
  echo "==> Building the demo app"
  yarn workspace app build >/dev/null
  node "$MESHPORT_ROOT/scripts/lib/write-local-config.js" "$MESHPORT_INFRA_FILE" "$cluster_config" >/dev/null
  # The backend serves the built app itself, so both base URLs are the backend's.
  cat >"$portal_config" <<YAML
app:
  baseUrl: $url
backend:
  baseUrl: $url
  listen:
    port: $port
  cors:
    origin: $url
meshport:
  demo:
    # Data products the browser tests create from the template stay in this run's folder.
    localPublishDir: $run_dir/data-products
specmesh:
  reconcile:
    schedule:
      # The browser tests plan and apply as the owner themselves; a reconcile racing them would
      # apply first and leave them nothing to do. The backend tests cover the reconcile.
      initialDelay: { minutes: 60 }
YAML
  echo "==> Starting the demo portal on $url (log: $log)"
  (cd "$MESHPORT_ROOT/packages/backend" && exec setsid node "$MESHPORT_ROOT/node_modules/.bin/backstage-cli" package start \
    --config ../../app-config.yaml --config "$cluster_config" --config "$portal_config") >"$log" 2>&1 &
  MESHPORT_PORTAL_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$port/.backstage/health/v1/readiness" >/dev/null 2>&1; then
      export MESHPORT_E2E_URL="$url"
      return
    fi
    if ! kill -0 "$MESHPORT_PORTAL_PID" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "error: the demo portal did not become ready; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

stop_portal() {
  if [ -n "${MESHPORT_PORTAL_PID:-}" ]; then
    # setsid made the backend its own process group: stop the CLI and the backend it forked.
    kill -TERM -- "-$MESHPORT_PORTAL_PID" 2>/dev/null || true
    wait "$MESHPORT_PORTAL_PID" 2>/dev/null || true
  fi
}
