# Sourced after env.sh and infra.sh: builds the demo app and starts the demo backend (which serves
# the built app) on a free port against the running Kafka and registry, for the browser tests,
# with the demo's producer/consumer load running so the Cost tab has real usage to show.

# The data product the browser tests plan and apply themselves, as its owner (its first apply).
# Everything else is applied up front, as a GitOps pipeline would, so the demo load can run on it.
MESHPORT_E2E_OWNER_APPLIED="acme.lifestyle.onboarding"

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
  local port url dir cluster_config portal_config examples_config log
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  url="http://localhost:$port"
  # One folder per portal: a second portal on the same infra (another test run) must not rewrite
  # this one's config, which the backend watches.
  dir="$MESHPORT_INFRA_RUN_DIR/portal-$port"
  mkdir -p "$dir"
  cluster_config="$dir/app-config.cluster.yaml"
  portal_config="$dir/app-config.e2e.yaml"
  examples_config="$dir/app-config.examples.yaml"
  log="$dir/backend.log"
  echo "==> Building the demo app"
  yarn workspace app build >/dev/null
  node "$MESHPORT_ROOT/scripts/lib/write-local-config.js" "$MESHPORT_INFRA_FILE" "$cluster_config" >/dev/null
  # The catalog reads a copy of examples/: an approved access request edits the owner's spec file
  # in place (the demo's local proposal template), and a test run must leave the repository alone.
  rm -rf "$dir/examples"
  cp -R "$MESHPORT_ROOT/examples" "$dir/examples"
  # The demo's catalog locations with examples/ swapped for the copy (config arrays replace, not
  # merge, so the whole list is written; JSON is YAML). From the root, where yaml resolves.
  (cd "$MESHPORT_ROOT" && node -e '
    const fs = require("fs");
    const yaml = require("yaml");
    const [appConfig, examples, target] = process.argv.slice(1);
    const { catalog } = yaml.parse(fs.readFileSync(appConfig, "utf8"));
    const locations = catalog.locations.map(location => ({
      ...location,
      target: location.target.replace(/^\.\.\/\.\.\/examples\//, `${examples}/`),
    }));
    fs.writeFileSync(target, JSON.stringify({ catalog: { locations } }, null, 2));
  ' "$MESHPORT_ROOT/app-config.yaml" "$dir/examples" "$examples_config")
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
    localPublishDir: $MESHPORT_INFRA_RUN_DIR/data-products
    # An approved access request edits specs in place: this portal's copies only.
    editableSpecDirs:
      - $dir/examples/data-products
      - $MESHPORT_INFRA_RUN_DIR/data-products
specmesh:
  reconcile:
    schedule:
      # The browser tests plan and apply as the owner themselves; a reconcile racing them would
      # apply first and leave them nothing to do. The backend tests cover the reconcile.
      initialDelay: { minutes: 60 }
  chargeback:
    # Collect soon and often, so the demo load's production and consumption reach the Cost tab
    # while the browser tests run. Strings, because config merges objects key by key.
    schedule:
      initialDelay: PT5S
      frequency: PT15S
      timeout: PT1M
YAML
  start_demo_load "$dir"
  echo "==> Starting the demo portal on $url (log: $log)"
  # The backend directly, as `backstage-cli package start` runs it but without its file watcher:
  # an edit to a source file during the run would restart it and lose its in-memory catalog and
  # chargeback data. Development mode, as the demo: guest sign-in needs it.
  (cd "$MESHPORT_ROOT/packages/backend" && NODE_ENV=development exec setsid node --enable-source-maps \
    --require "$MESHPORT_ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" src/index \
    --config ../../app-config.yaml --config "$cluster_config" --config "$examples_config" --config "$portal_config") >"$log" 2>&1 &
  MESHPORT_PORTAL_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$port/.backstage/health/v1/readiness" >/dev/null 2>&1; then
      export MESHPORT_E2E_URL="$url"
      # Where the template's data products land, for the browser test to clean up after itself.
      export MESHPORT_E2E_PUBLISH_DIR="$MESHPORT_INFRA_RUN_DIR/data-products"
      # The examples this portal's catalog reads (and an approval may edit).
      export MESHPORT_E2E_EXAMPLES_DIR="$dir/examples"
      return
    fi
    if ! kill -0 "$MESHPORT_PORTAL_PID" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "error: the demo portal did not become ready; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

# Applies every example data product but the one the tests apply, with the meshport CLI, then
# starts the demo load (examples/demo-load.json) on their topics in the background, with the
# browser tests' own flows (packages/e2e-tests/demo-load.json).
start_demo_load() {
  local dir="$1"
  local cluster_file="$dir/cluster.json" plan="$dir/demo-load.json"
  local log="$dir/demo-load.log" spec
  node -e '
    const fs = require("fs");
    const infra = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const cluster = { name: "local", brokers: infra.kafka.brokers, sasl: infra.kafka.sasl,
      schemaRegistry: { url: infra.registry.url } };
    fs.writeFileSync(process.argv[2], JSON.stringify(cluster, null, 2), { mode: 0o600 });
  ' "$MESHPORT_INFRA_FILE" "$cluster_file"
  echo "==> Applying the example data products other than $MESHPORT_E2E_OWNER_APPLIED"
  for spec in "$MESHPORT_ROOT"/examples/data-products/*/asyncapi.yaml; do
    # An example's entity name is its app-id.
    grep -qxF "  name: $MESHPORT_E2E_OWNER_APPLIED" "$(dirname "$spec")/catalog-info.yaml" && continue
    if ! node "$MESHPORT_ROOT/packages/cli/bin/meshport" apply --cluster "$cluster_file" "$spec" >>"$dir/apply.log" 2>&1; then
      echo "error: applying $spec failed; see $dir/apply.log" >&2
      exit 1
    fi
  done
  # The load would wait for the owner-applied data product's topics: leave its flows out. That
  # drops the demo's slow group (shipping's signups) too, so the browser tests add flows of their
  # own (packages/e2e-tests/demo-load.json: a group reading slower than its topic grows, on a
  # data product applied above), which their lag checks name.
  node -e '
    const fs = require("fs");
    const [source, extra, target, skip] = process.argv.slice(1);
    const plan = JSON.parse(fs.readFileSync(source, "utf8"));
    const own = JSON.parse(fs.readFileSync(extra, "utf8"));
    const keep = flow => !flow.topic.startsWith(`${skip}.`);
    plan.producers = [...plan.producers.filter(keep), ...own.producers];
    plan.consumers = [...plan.consumers.filter(keep), ...own.consumers];
    fs.writeFileSync(target, JSON.stringify(plan, null, 2));
  ' "$MESHPORT_ROOT/examples/demo-load.json" "$MESHPORT_ROOT/packages/e2e-tests/demo-load.json" \
    "$plan" "$MESHPORT_E2E_OWNER_APPLIED"
  echo "==> Starting the demo load (log: $log)"
  # MESHPORT_INFRA_FILE (infra.sh) tells it where the running broker is.
  setsid node "$MESHPORT_ROOT/packages/dev-infra/bin/meshport-demo-load" "$plan" >"$log" 2>&1 &
  MESHPORT_DEMO_LOAD_PID=$!
}

stop_portal() {
  if [ -n "${MESHPORT_DEMO_LOAD_PID:-}" ]; then
    kill -TERM -- "-$MESHPORT_DEMO_LOAD_PID" 2>/dev/null || true
    wait "$MESHPORT_DEMO_LOAD_PID" 2>/dev/null || true
  fi
  if [ -n "${MESHPORT_PORTAL_PID:-}" ]; then
    # setsid made the backend its own process group.
    kill -TERM -- "-$MESHPORT_PORTAL_PID" 2>/dev/null || true
    wait "$MESHPORT_PORTAL_PID" 2>/dev/null || true
  fi
}
