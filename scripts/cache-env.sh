# Sourced by the bash scripts: where the caches they share live.
# $HOTPATH_CACHE_DIR moves every cache of every script under one directory
# (the cold-path test, scripts/cold-paths, points it at an empty one); unset,
# each keeps its own default. The Python scripts read the same variable
# (scripts/corpus_lib/setup.py: cache_dir).
if [ -z "${CCACHE_DIR:-}" ]; then
  if [ -n "${HOTPATH_CACHE_DIR:-}" ]; then
    CCACHE_DIR=$HOTPATH_CACHE_DIR/ccache
  else
    CCACHE_DIR=$HOME/.cache/hotpath-ccache
  fi
fi
export CCACHE_DIR
