# Sourced after env.sh: start/stop the local Kafka + schema registry through @meshport/dev-infra.
# The connection file lets every test process (and the demo backend) find the one running broker.
MESHPORT_INFRA_FILE="${MESHPORT_INFRA_FILE:-$MESHPORT_ROOT/.cache/run/infra.json}"
export MESHPORT_INFRA_FILE

# App-ids of the example data products get SASL users of their own, as in a real mesh.
MESHPORT_EXAMPLE_USERS="acme.lifestyle.onboarding,acme.finance.accounting,acme.logistics.shipping,some.other.domain.root,acme.finance.audit,acme.risk.fraud"

infra() { node "$MESHPORT_ROOT/packages/dev-infra/bin/meshport-infra" "$@"; }

start_infra() {
  echo "==> Starting Kafka and the schema registry (first run fetches them from Maven Central)"
  infra start --users "$MESHPORT_EXAMPLE_USERS" --metrics "$@"
}

stop_infra() {
  infra stop || true
}
