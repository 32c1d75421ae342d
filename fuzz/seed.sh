#!/usr/bin/env bash
# Seeds the fuzz corpora from the test fixtures and the real-world documents.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/check corpus/pattern corpus/rules corpus/host-terraform corpus/host-cloudformation
find ../tests/fixtures ../tests/corpus ../examples -name '*.json' -exec cp {} corpus/check/ \;
printf '%s' 'TMP_%' > corpus/pattern/prefix
printf '%s' '[a-d]x[_]%y_' > corpus/pattern/sets
printf '%s' '[unclosed' > corpus/pattern/unclosed
printf '%s' '%a%a%a%a%a%b' > corpus/pattern/stars
# Host files, one seed per fixture, named after its path (many are `main.tf`).
host=../tests/fixtures/host
find "$host/terraform" -name '*.tf' | while read -r f; do
  cp "$f" "corpus/host-terraform/$(echo "${f#"$host"/terraform/}" | tr / _)"
done
find "$host/cloudformation" -type f ! -name '*.snap' | while read -r f; do
  cp "$f" "corpus/host-cloudformation/$(basename "$f")"
done
