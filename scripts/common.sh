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
