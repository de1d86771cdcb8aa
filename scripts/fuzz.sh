#!/usr/bin/env bash
# Runs each Jazzer fuzz target in fuzzing mode (coverage-guided) for its maxDuration (30 s each
# by default; set JAZZER_MAX_DURATION to change it). A plain `./mvnw verify` runs the same targets
# only on their seed corpora. Findings are written under crm-core/src/test/resources/.../*Inputs/
# and replayed by every later build: commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl crm-core -am install -DskipTests -Dmaven.javadoc.skip=true
targets=(
  cursor_decodeRefusesOnlyWithValidationException
  eventCursorAndIds_parseRefuseOnlyWithValidationException
  identities_checkReportsViolationsAndNeverThrows
  tagsNamesAndLanguages_checkNeverThrow
  criteria_checkRefusesOnlyWithValidationException
)
for t in "${targets[@]}"; do
  echo "== fuzzing $t"
  JAZZER_FUZZ=1 ./mvnw -q -pl crm-core test -Dspotless.check.skip=true \
    -Dtest="ParserFuzzTest#$t" ${JAZZER_MAX_DURATION:+-Djazzer.max_duration=$JAZZER_MAX_DURATION} \
    -Dsurefire.failIfNoSpecifiedTests=false
done
