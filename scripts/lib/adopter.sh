# Sourced after env.sh and infra.sh: the adopter test's stages. Publishes every Meshport package to
# a registry on loopback (verdaccio, proxying the rest), creates a fresh app with the pinned
# @backstage/create-app, installs Meshport into it by running the install lines of the READMEs,
# and starts it against the local Kafka and registry. packages/adopter-tests then checks it.
#
# Each stage prints its wall time. The fresh app and its yarn cache live under
# $MESHPORT_INFRA_RUN_DIR/adopter (gitignored); packages come from yarn's global cache when it
# already holds them (the monorepo's own install fills it).

MESHPORT_ADOPTER_DIR="${MESHPORT_ADOPTER_DIR:-$MESHPORT_INFRA_RUN_DIR/adopter}"
export MESHPORT_ADOPTER_DIR

adopter_stage() {
  local name="$1" started elapsed
  shift
  started=$(date +%s)
  echo "==> Adopter test: $name"
  # Called from an `if`, where bash ignores set -e: every stage reports its own failure.
  "$@" || { echo "error: adopter test stage failed: $name" >&2; return 1; }
  elapsed=$(($(date +%s) - started))
  echo "    $name took ${elapsed}s"
  echo "$name: ${elapsed}" >>"$MESHPORT_ADOPTER_DIR/stages.txt"
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# create-app and the READMEs' lines call `yarn` as a program.
adopter_yarn_on_path() {
  mkdir -p "$MESHPORT_ADOPTER_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$MESHPORT_ROOT/.yarn/releases/yarn-4.13.0.cjs" >"$MESHPORT_ADOPTER_DIR/bin/yarn"
  chmod +x "$MESHPORT_ADOPTER_DIR/bin/yarn"
  export PATH="$MESHPORT_ADOPTER_DIR/bin:$PATH"
}

adopter_start_registry() {
  local port upstream config="$MESHPORT_ADOPTER_DIR/verdaccio.yaml"
  # A new registry each run: this run's packages, a new publisher account.
  rm -rf "$MESHPORT_ADOPTER_DIR/registry-storage" "$MESHPORT_ADOPTER_DIR/htpasswd"
  port="$(free_port)"
  # The machine's own registry, read at run time: no registry host is written into the repo.
  upstream="$(npm config get registry)"
  cat >"$config" <<YAML
storage: $MESHPORT_ADOPTER_DIR/registry-storage
auth:
  htpasswd:
    file: $MESHPORT_ADOPTER_DIR/htpasswd
uplinks:
  upstream:
    url: $upstream
    timeout: 60s
packages:
  '@meshport/*':
    access: \$all
    publish: \$authenticated
  '**':
    access: \$all
    proxy: upstream
log: { type: stdout, format: pretty, level: warn }
YAML
  setsid node "$MESHPORT_ROOT/node_modules/verdaccio/bin/verdaccio" --config "$config" \
    --listen "127.0.0.1:$port" >"$MESHPORT_ADOPTER_DIR/verdaccio.log" 2>&1 &
  MESHPORT_ADOPTER_REGISTRY_PID=$!
  MESHPORT_ADOPTER_REGISTRY="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do
    curl -fsS "$MESHPORT_ADOPTER_REGISTRY/-/ping" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "$MESHPORT_ADOPTER_REGISTRY/-/ping" >/dev/null ||
    { tail -n 20 "$MESHPORT_ADOPTER_DIR/verdaccio.log" >&2; return 1; }
  # A publisher account, as a company registry would have one.
  MESHPORT_ADOPTER_TOKEN="$(curl -fsS -X PUT -H 'content-type: application/json' \
    -d "{\"name\":\"meshport-ci\",\"password\":\"$(node -p 'require("crypto").randomUUID()')\"}" \
    "$MESHPORT_ADOPTER_REGISTRY/-/user/org.couchdb.user:meshport-ci" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')" ||
    return 1
  export MESHPORT_ADOPTER_REGISTRY
}

adopter_publish() {
  # backstage-cli package build bundles the declarations `tsc` writes to dist-types.
  (cd "$MESHPORT_ROOT" && yarn tsc >/dev/null) || { echo "error: tsc failed; run yarn tsc" >&2; return 1; }
  (cd "$MESHPORT_ROOT" && yarn workspaces foreach --all --no-private --topological-dev run build) || return 1
  # Every entry point, LICENSE and README in each tarball, before anything is published.
  "$MESHPORT_ROOT/scripts/check-packages" || return 1
  (cd "$MESHPORT_ROOT" &&
    YARN_NPM_REGISTRY_SERVER="$MESHPORT_ADOPTER_REGISTRY" \
      YARN_NPM_AUTH_TOKEN="$MESHPORT_ADOPTER_TOKEN" \
      YARN_UNSAFE_HTTP_WHITELIST=127.0.0.1 \
      yarn workspaces foreach --all --no-private npm publish) || return 1
  node "$MESHPORT_ROOT/scripts/lib/adopter/packed-sizes.js" "$MESHPORT_ADOPTER_REGISTRY"
}

adopter_create_app() {
  local app="$MESHPORT_ADOPTER_DIR/app"
  rm -rf "$app"
  # create-app asks for the app's name on standard input.
  echo "meshport-adopter" | node "$MESHPORT_ROOT/node_modules/@backstage/create-app/bin/backstage-create-app" \
    --path "$app" --skip-install >"$MESHPORT_ADOPTER_DIR/create-app.log" 2>&1 ||
    { tail -n 20 "$MESHPORT_ADOPTER_DIR/create-app.log" >&2; return 1; }
  # create-app 0.9.2 pins the ranges of its release (1.55), but caret ranges resolve today's
  # packages, and those no longer fit together (the signals backend wants the newer
  # backend-defaults' WebSocket router). An adopter keeps the app current with versions:bump;
  # its manifest site is out of reach here, so the same bump from the registry's latest.
  node "$MESHPORT_ROOT/scripts/bump-backstage.js" "$app" >"$MESHPORT_ADOPTER_DIR/bump.log" || return 1
  # What this machine's registry mirror needs, as for the monorepo itself (INFRA.md): pins for
  # per-platform packages the mirror lacks. An adopter on the public registry needs none of it.
  node "$MESHPORT_ROOT/scripts/lib/adopter/mirror-workarounds.js" "$MESHPORT_ROOT/package.json" "$app/package.json" ||
    return 1
  # The fresh app has no lockfile of ours: CI=true would make its install immutable.
  (cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$MESHPORT_ADOPTER_DIR/app-install.log" 2>&1) ||
    { tail -n 40 "$MESHPORT_ADOPTER_DIR/app-install.log" >&2; return 1; }
}

# The READMEs' own lines: the registry settings, then every `yarn --cwd packages/… add @meshport/…`
# and `backend.add(import('@meshport/…'))`. A README whose lines are wrong fails here.
adopter_install_meshport() {
  local app="$MESHPORT_ADOPTER_DIR/app" cache
  # Every run publishes the same versions with new contents: an archive a previous run left in
  # yarn's cache would be installed instead of this run's.
  cache="$(cd "$app" && yarn config get cacheFolder)" || return 1
  rm -f "$cache"/@meshport-*.zip
  (cd "$app" &&
    yarn config set "npmScopes.meshport.npmRegistryServer" "$MESHPORT_ADOPTER_REGISTRY" >/dev/null &&
    yarn config set unsafeHttpWhitelist --json '["127.0.0.1"]' >/dev/null &&
    YARN_ENABLE_IMMUTABLE_INSTALLS=false node "$MESHPORT_ROOT/scripts/lib/adopter/follow-readmes.js" \
      "$MESHPORT_ROOT" "$app" >"$MESHPORT_ADOPTER_DIR/meshport-install.log" 2>&1) ||
    { tail -n 60 "$MESHPORT_ADOPTER_DIR/meshport-install.log" >&2; return 1; }
}

adopter_start_app() {
  local port url config="$MESHPORT_ADOPTER_DIR/app-config.adopter.yaml" log="$MESHPORT_ADOPTER_DIR/backend.log"
  port="$(free_port)"
  url="http://localhost:$port"
  node "$MESHPORT_ROOT/scripts/lib/adopter/write-adopter-config.js" "$MESHPORT_INFRA_FILE" "$MESHPORT_ROOT" "$url" "$config" ||
    return 1
  (cd "$MESHPORT_ADOPTER_DIR/app" && yarn workspace app build >"$MESHPORT_ADOPTER_DIR/app-build.log" 2>&1) ||
    { tail -n 40 "$MESHPORT_ADOPTER_DIR/app-build.log" >&2; return 1; }
  node "$MESHPORT_ROOT/scripts/lib/adopter/bundle-share.js" "$MESHPORT_ADOPTER_DIR/app/packages/app/dist/static" || return 1
  (cd "$MESHPORT_ADOPTER_DIR/app/packages/backend" && NODE_ENV=development exec setsid node \
    --require "$MESHPORT_ADOPTER_DIR/app/node_modules/@backstage/cli-node/config/nodeTransform.cjs" src/index.ts \
    --config ../../app-config.yaml --config "$config") >"$log" 2>&1 &
  MESHPORT_ADOPTER_APP_PID=$!
  for _ in $(seq 1 180); do
    if curl -fsS "$url/.backstage/health/v1/readiness" >/dev/null 2>&1; then
      export MESHPORT_ADOPTER_URL="$url"
      return
    fi
    kill -0 "$MESHPORT_ADOPTER_APP_PID" 2>/dev/null || break
    sleep 1
  done
  echo "error: the adopter's app did not become ready; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  return 1
}

adopter_stop() {
  local pid
  for pid in "${MESHPORT_ADOPTER_APP_PID:-}" "${MESHPORT_ADOPTER_REGISTRY_PID:-}"; do
    [ -n "$pid" ] || continue
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# Everything up to a running app; the checks are packages/adopter-tests' jest suite.
start_adopter_app() {
  mkdir -p "$MESHPORT_ADOPTER_DIR"
  : >"$MESHPORT_ADOPTER_DIR/stages.txt"
  adopter_yarn_on_path
  adopter_stage "registry on loopback" adopter_start_registry &&
    adopter_stage "build and publish" adopter_publish &&
    adopter_stage "create-app and install" adopter_create_app &&
    adopter_stage "install Meshport from the READMEs" adopter_install_meshport &&
    adopter_stage "build and start the app" adopter_start_app
}
