#!/usr/bin/env bash
# Resolves the Kafka test broker's classpath from Maven Central into infra/kafka/lib (git-ignored),
# as described by infra/kafka/pom.xml. Idempotent: when lib/ already holds what this pom names
# (a stamp of the pom's hash), it returns at once without starting Maven.
# Usage: bash infra/kafka/fetch.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lib="$here/lib"
stamp="$lib/.pom.sha256"
want=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v mvn >/dev/null || { echo "infra/kafka/fetch.sh: mvn not found (apt-get install maven, and Java 17)" >&2; exit 1; }
tmp="$here/lib.tmp"
rm -rf "$tmp"
mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp"
echo "$want" >"$tmp/.pom.sha256"
# Swapped in whole, so a fetch cut short never leaves a half classpath that looks complete.
rm -rf "$lib"
mv "$tmp" "$lib"
echo "infra/kafka/fetch.sh: $(ls "$lib"/*.jar | wc -l) jars in infra/kafka/lib"
