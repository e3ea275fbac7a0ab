#!/usr/bin/env bash
# Renders k8s/base and every k8s/overlays/* with `kubectl kustomize` and validates every object
# offline against the Kubernetes schemas (no cluster). Exits non-zero on a render failure or on any
# invalid object. CI: bash k8s/validate.sh
# The validator's npm packages (pinned in k8s/validate/package.json and package-lock.json) are
# installed once into a cache outside the repository: $PT_K8S_VALIDATE_CACHE, or
# ${XDG_CACHE_HOME:-$HOME/.cache}/prooftrail/k8s-validate.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${PT_K8S_VALIDATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/prooftrail/k8s-validate}"

for tool in kubectl node npm; do
  command -v "$tool" >/dev/null || { echo "k8s/validate.sh: $tool is required" >&2; exit 2; }
done

# Install (or refresh) the validator when package.json/package-lock.json changed.
stamp="$(cat "$here/validate/package.json" "$here/validate/package-lock.json" | sha256sum | cut -c1-16)"
if [[ ! -f "$cache/.stamp" || "$(cat "$cache/.stamp")" != "$stamp" || ! -d "$cache/node_modules" ]]; then
  echo "== installing the validator into $cache"
  mkdir -p "$cache"
  cp "$here/validate/package.json" "$here/validate/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false >/dev/null)
  echo "$stamp" > "$cache/.stamp"
fi
# ESM resolves packages next to the importing file: run the script from the cache.
cp "$here/validate/validate.mjs" "$cache/validate.mjs"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
args=()
status=0
for dir in "$here/base" "$here"/overlays/*/; do
  dir="${dir%/}"
  name="${dir#"$here"/}"
  file="$out/$(echo "$name" | tr / _).yaml"
  if kubectl kustomize "$dir" > "$file" 2> "$file.err"; then
    echo "== rendered $name ($(grep -c '^kind:' "$file") objects)"
    args+=("$name=$file")
  else
    echo "INVALID $name: kustomize render failed:" >&2
    cat "$file.err" >&2
    status=1
  fi
done

if (( ${#args[@]} )); then
  node "$cache/validate.mjs" "${args[@]}" || status=1
fi
if (( status )); then
  echo "k8s/validate.sh: FAILED" >&2
else
  echo "k8s/validate.sh: all manifests valid"
fi
exit "$status"
