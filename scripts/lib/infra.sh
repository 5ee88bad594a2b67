# Sourced after env.sh: start/stop the local Kafka + schema registry through @meshport/dev-infra.
# The connection file lets every test process (and the demo backend) find the one running broker.
# The demo and the test run keep separate run dirs, so a running demo never collides with a test run.
MESHPORT_INFRA_RUN_DIR="${MESHPORT_INFRA_RUN_DIR:-$MESHPORT_ROOT/.cache/run${MESHPORT_INFRA_PROFILE:+-$MESHPORT_INFRA_PROFILE}}"
MESHPORT_INFRA_FILE="${MESHPORT_INFRA_FILE:-$MESHPORT_INFRA_RUN_DIR/infra.json}"
export MESHPORT_INFRA_RUN_DIR MESHPORT_INFRA_FILE

# App-ids of the example data products get SASL users of their own, as in a real mesh.
MESHPORT_EXAMPLE_USERS="acme.lifestyle.onboarding,acme.finance.accounting,acme.logistics.shipping,some.other.domain.root,acme.finance.audit,acme.risk.fraud"
# PLAIN users are fixed when the broker starts: tests take principals from this pool (through the
# principal mapping) so each test's app-ids stay unique without restarting the broker.
MESHPORT_TEST_USERS="$(printf 'meshport.test.u%02d,' $(seq 1 16))"

infra() { node "$MESHPORT_ROOT/packages/dev-infra/bin/meshport-infra" "$@"; }

start_infra() {
  echo "==> Starting Kafka and the schema registry (first run fetches them from Maven Central)"
  infra start --users "$MESHPORT_EXAMPLE_USERS,${MESHPORT_TEST_USERS%,}" --metrics "$@" >/dev/null
  echo "==> Kafka and the schema registry are up: $MESHPORT_INFRA_FILE"
}

stop_infra() {
  infra stop || true
}
