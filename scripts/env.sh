# Sourced by scripts/run and scripts/test: tool paths, with wasm-opt 132 ahead of any other.
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export TRUNK_SKIP_VERSION_CHECK=true
