# Shared by the measuring scripts (sourced, not run): the project root, tool checks and release builds.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/.build/release/usagetop"

# Stops with the package to install when a tool is missing.
require() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 1; }
    done
}

# Builds the named products in release mode.
build_release() {
    echo "building $* (release)…" >&2
    for product in "$@"; do (cd "$root" && swift build -c release --product "$product" >/dev/null); done
}

# Writes the demo's six metrics to $1/metrics.json and customers cus_00001…cus_N (N = $2) to $1/customers.json:
# the catalog the measuring scripts load their generated events against.
write_catalog() {
    cat >"$1/metrics.json" <<'JSON'
[{"code": "api_calls", "name": "API calls", "aggregation": "count", "field": null, "unit": "calls"},
 {"code": "compute_seconds", "name": "Compute time", "aggregation": "sum", "field": "seconds", "unit": "s"},
 {"code": "storage_gb", "name": "Peak storage", "aggregation": "max", "field": "gb", "unit": "GB"},
 {"code": "active_users", "name": "Active users", "aggregation": "unique_count", "field": "user_id", "unit": "users"},
 {"code": "data_transfer_gb", "name": "Data transfer", "aggregation": "sum", "field": "gb", "unit": "GB"},
 {"code": "emails_sent", "name": "Emails sent", "aggregation": "count", "field": null, "unit": "emails"}]
JSON
    python3 -c 'import json, sys; print(json.dumps([{"id": "cus_%05d" % n, "name": "Customer %d" % n, "currency": "EUR"}
    for n in range(1, int(sys.argv[1]) + 1)]))' "$2" >"$1/customers.json"
}
