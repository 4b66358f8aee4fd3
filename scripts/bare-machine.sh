#!/usr/bin/env bash
# Runs a command as on a newcomer's machine that has only Node: in its own mount and network
# namespaces (root only), with no network but loopback (this machine's PostgreSQL and Redis are out
# of reach), without gcc, librdkafka's headers, a built Kafka mock, Java, Maven, the fetched Kafka
# broker (infra/kafka/lib) or Chromium, and with none
# of the variables that turn on the extra suites. A test that silently needs more than Node fails here.
# Usage: bash scripts/bare-machine.sh npm test
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${TONGXIN_BARE_MACHINE:-}" != 1 ]; then
  exec unshare --mount --net --propagation private env TONGXIN_BARE_MACHINE=1 bash "$0" "$@"
fi
"$(command -v ip || echo /usr/sbin/ip)" link set lo up
empty=$(mktemp -d)
mkdir -p "$root/infra/kafka-mock/build" "$root/infra/kafka/lib"
for path in /usr/include/librdkafka "$root/infra/kafka-mock/build" "$root/infra/kafka/lib" /usr/bin/gcc /usr/bin/cc \
  /usr/bin/java /usr/bin/mvn /usr/lib/jvm /usr/bin/chromium; do
  [ -e "$path" ] || continue
  if [ -d "$path" ]; then mount --bind "$empty" "$path"; else mount --bind /dev/null "$path"; fi
done
unset TONGXIN_TEST_POSTGRES_URL TONGXIN_TEST_KAFKA TONGXIN_TEST_REDIS_URL TONGXIN_TEST_CHROMIUM MEILI_URL MEILI_API_KEY
cd "$root"
exec "$@"
