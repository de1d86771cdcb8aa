#!/usr/bin/env bash
# Runs each Jazzer fuzz target in fuzzing mode (coverage-guided) for its maxDuration (30 s each
# by default; set JAZZER_MAX_DURATION to change it). A plain `./mvnw verify` runs the same targets
# only on their seed corpora. Findings are written under crm-core/src/test/resources/.../*Inputs/
# and replayed by every later build: commit them with the fix.
# Findings land under each module's src/test/resources/.../*Inputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl crm-core,crm-inmemory -am install -DskipTests -Dmaven.javadoc.skip=true
# module:TestClass#target
targets=(
  crm-core:ParserFuzzTest#cursor_decodeRefusesOnlyWithValidationException
  crm-core:ParserFuzzTest#eventCursorAndIds_parseRefuseOnlyWithValidationException
  crm-core:ParserFuzzTest#identities_checkReportsViolationsAndNeverThrows
  crm-core:ParserFuzzTest#tagsNamesAndLanguages_checkNeverThrow
  crm-core:ParserFuzzTest#criteria_checkRefusesOnlyWithValidationException
  crm-mail:MailParserFuzzTest#parse_returnsOrRefusesWithValidationException
  crm-social:SocialParserFuzzTest#messenger_parseReturnsOrRefusesWithValidationException
  crm-social:SocialParserFuzzTest#reddit_parseReturnsOrRefusesWithValidationException
  crm-social:SocialParserFuzzTest#messenger_editedSampleReturnsOrRefusesWithValidationException
  crm-social:SocialParserFuzzTest#reddit_editedSampleReturnsOrRefusesWithValidationException
  crm-import:CsvImportFuzzTest#orders_refuseOnlyWithValidationException_andWriteWholeOrders
  crm-import:CsvImportFuzzTest#customers_refuseOnlyWithValidationException
)
for t in "${targets[@]}"; do
  module=${t%%:*}
  test=${t#*:}
  echo "== fuzzing $test in $module"
  JAZZER_FUZZ=1 ./mvnw -q -pl "$module" test -Dspotless.check.skip=true \
    -Dtest="$test" ${JAZZER_MAX_DURATION:+-Djazzer.max_duration=$JAZZER_MAX_DURATION} \
    -Dsurefire.failIfNoSpecifiedTests=false
done
