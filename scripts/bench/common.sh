# Sourced by the scripts of scripts/bench, after they set $root (the repository): the release
# build, the Python that runs the reference tools, and timing helpers.

# bench_python MODULE…: sets $python to .venv-bench's interpreter, installing the modules (PyPI
# names that are also their import names) when one is missing.
bench_python() {
    [ -x "$root/.venv-bench/bin/python" ] || python3 -m venv "$root/.venv-bench"
    local imports
    imports=$(IFS=,; echo "$*")
    "$root/.venv-bench/bin/python" -c "import $imports" 2>/dev/null || "$root/.venv-bench/bin/pip" install -q "$@"
    python=$root/.venv-bench/bin/python
}

# bench_build: builds `rapport` in release mode (its own scratch path) and sets $rapport.
bench_build() {
    echo "== release build"
    (cd "$root" && swift build -c release --scratch-path .build-release --product rapport 2>&1 | tail -1)
    rapport=$root/.build-release/release/rapport
}

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
