#!/usr/bin/env bash
# The credit ledger, worked through against the registry deploy/run-local.sh started (fresh .jcm-local/), over REST
# only: Mongolia onboarded, its solar project registered and verified by project-registry (23,200 tCO2e over three
# vintages), the credits issued half to Japan and half to the participant, 1,000 transferred, 3,000 retired, then
# what an auditor and the public see. Needs curl and jq. Prints each answer's figures as it goes.
#   deploy/examples/credit-ledger.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/examples/lib.sh
PARTICIPANT=$(deploy/token.sh participant --participant PP-MN-0001)

echo "== country-onboarding: Mongolia, ACTIVE with registry MN, one TPE"
post "$OPERATOR" $CO/api/countries '{"code":"MN","name":"Mongolia"}' >/dev/null
post "$OPERATOR" $CO/api/countries/MN/bilateral-document '{"signedOn":"2013-01-08"}' >/dev/null
post "$OPERATOR" $CO/api/countries/MN/joint-committee '{"establishedOn":"2013-04-11"}' >/dev/null
post "$OPERATOR" $CO/api/countries/MN/activation \
  '{"activatedOn":"2013-07-01","registryCode":"MN","article6RegistryId":"MNG01","hosting":"HOSTED"}' | jq -c '{code, state}'
post "$OPERATOR" $CO/api/countries/MN/tpes \
  '{"tpeId":"TPE-MN-JQA","name":"Japan Quality Assurance Organization","sectoralScopes":[1],"designatedOn":"2014-01-01"}' \
  | jq -c '{tpeId, sectoralScopes, designatedOn}'
until curl -sf $PR/api/countries/MN | jq -e '.version == 5' >/dev/null; do sleep 0.5; done

echo "== project-registry: MN_AM001, project MN001 registered, its first period verified"
M=$(post "$OPERATOR" $PR/api/methodologies \
  '{"country":"MN","title":"Installation of solar PV system","sectoralScope":1,"proposedOn":"2014-01-10"}' | jq -r .id)
post "$OPERATOR" $PR/api/methodologies/$M/approval '{"decisionReference":"JC-MN-AM","decidedOn":"2014-02-20"}' | jq -c '{reference, state}'
P=$(post "$OPERATOR" $PR/api/projects '{"title":"10MW solar power project in Darkhan City","hostCountry":"MN","methodology":"MN_AM001",
  "participants":[{"name":"Japanese Solar Developer Co.","country":"JP","role":"PROJECT_PARTICIPANT","focalPoint":true},
                  {"name":"Local Energy LLC","country":"MN","role":"PROJECT_PARTICIPANT","focalPoint":false,"participantId":"PP-MN-0001"}],
  "creditingPeriod":{"start":"2016-01-01","end":"2030-12-31"},"estimatedAnnualReductions":12000,
  "creditAllocation":{"governmentOfJapan":50,"partnerGovernment":10,"participants":40},
  "documents":[{"kind":"PIN","uri":"https://jcm.example.org/docs/pin.pdf","sha256":"'$SHA'"}],"submittedOn":"2015-03-01"}' | jq -r .id)
post "$OPERATOR" $PR/api/projects/$P/no-objection '{"decisionReference":"JC-NO-1","decidedOn":"2015-04-01"}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/design-publication \
  '{"publishedOn":"2015-05-01","designDocument":{"uri":"https://jcm.example.org/docs/pdd.pdf","sha256":"'$SHA'"}}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/validation \
  '{"tpeId":"TPE-MN-JQA","validatedOn":"2015-08-01","report":{"uri":"https://jcm.example.org/docs/val.pdf","sha256":"'$SHA'"}}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/registration-request '{"requestedOn":"2015-09-01"}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/registration '{"decisionReference":"JC-MN-10/2016","decidedOn":"2015-10-01"}' \
  | jq -c '.project // . | {reference, state}'
R=$(post "$PARTICIPANT" $PR/api/projects/MN001/monitoring-reports '{"period":{"start":"2017-03-01","end":"2019-07-31"},
  "claimedReductions":[{"vintage":2017,"tonnes":8000},{"vintage":2018,"tonnes":9800},{"vintage":2019,"tonnes":5600}],
  "totalClaimed":23400,"submittedOn":"2019-08-20","document":{"uri":"https://jcm.example.org/mn001/monitoring-1.pdf","sha256":"'$SHA'"}}' | jq -r .id)
post "$OPERATOR" $PR/api/projects/MN001/monitoring-reports/$R/verifications '{"tpeId":"TPE-MN-JQA","verifiedOn":"2019-10-15",
  "opinion":"POSITIVE","verifiedReductions":[{"vintage":2017,"tonnes":7900},{"vintage":2018,"tonnes":9750},{"vintage":2019,"tonnes":5550}],
  "totalVerified":23200,"report":{"uri":"https://jcm.example.org/mn001/verification-1.pdf","sha256":"'$SHA'"}}' | jq -c '{totalVerified}'

echo "== credit-issuance: the participant asks for the period's credits (once the verification has arrived)"
REQUEST='{"projectReference":"MN001","monitoringPeriodStart":"2017-03-01","monitoringPeriodEnd":"2019-07-31"}'
until I=$(post "$PARTICIPANT" $CI/api/issuances "$REQUEST" | jq -r .id) && [ -n "$I" ]; do sleep 0.5; done
get "$AUDITOR" $CI/api/issuances/$I | jq -c '{state, requestedBy, verification: {tpeId: .verification.tpeId, vintages: .verification.vintages}}'

echo "== an operator opens the participant's account and records the Joint Committee's decision"
post "$OPERATOR" $CI/api/registries/MN/accounts \
  '{"holder":"Local Energy LLC","holderIdentifier":"MN-REG-6543210","contactEmail":"registry@local-energy.example","participantId":"PP-MN-0001"}' \
  | jq -c '{number, type, participantId}'
ACCOUNT=$(get "$OPERATOR" $CI/api/registries/MN/accounts | jq -r '.[] | select(.number=="MN-200-000001") | .id')
post "$OPERATOR" $CI/api/issuances/$I/decision '{"decisionReference":"JC-MN-2020-01","decidedOn":"2020-01-15","lines":[
  {"registry":"JP","account":"JP-100-1","vintage":2017,"quantity":3950},{"registry":"MN","account":"MN-200-000001","vintage":2017,"quantity":3950},
  {"registry":"JP","account":"JP-100-1","vintage":2018,"quantity":4875},{"registry":"MN","account":"MN-200-000001","vintage":2018,"quantity":4875},
  {"registry":"JP","account":"JP-100-1","vintage":2019,"quantity":2775},{"registry":"MN","account":"MN-200-000001","vintage":2019,"quantity":2775}]}' \
  | jq -c '{state, issued, blocks: [.lines[].block]}'
echo "-- the same lines again: refused"
attempt "$OPERATOR" $CI/api/issuances/$I/decision '{"decisionReference":"JC-MN-2020-01","decidedOn":"2020-01-15","lines":[{"registry":"JP","account":"JP-100-1","vintage":2017,"quantity":1}]}' \
  | jq -c '{status, code}'

echo "== the participant transfers 1,000 to Mongolia's government and retires 3,000"
post "$PARTICIPANT" $CI/api/transfers '{"fromAccount":"MN-200-000001","toAccount":"MN-100-1","quantity":1000}' \
  | jq -c '{type, quantity, opened: [.openedBlocks[] | "\(.display) \(.account) \(.origin)"]}'
post "$PARTICIPANT" $CI/api/retirements \
  '{"fromAccount":"MN-200-000001","quantity":3000,"purpose":"VOLUNTARY","beneficiary":"Darkhan City Climate Fund","yearOfUse":2020}' \
  | jq -c '{type, quantity, opened: [.openedBlocks[] | "\(.display) \(.account) \(.origin)"]}'
echo "-- 7,601 more: refused, with every failed check"
attempt "$PARTICIPANT" $CI/api/transfers '{"fromAccount":"MN-200-000001","toAccount":"MN-900-1","quantity":7601}' | jq -c '{status, violations: [.violations[].code]}'

echo "== what an auditor sees"
get "$AUDITOR" $CI/api/accounts/$ACCOUNT | jq -c '{number, balance}'
get "$AUDITOR" "$CI/api/blocks?registry=MN&serial=1200" | jq -c '[.steps[] | "\(.step) \(.block.display) \(.block.account)"]'
get "$AUDITOR" "$CI/api/ledger/conservation?registry=MN" | jq -c '{holds, registries: [.registries[] | {issued, held, retired, cancelled}]}'
echo "== and anyone (public report, CSV)"
curl -sf "$CI/api/reports/holdings?registry=MN&format=csv" | cut -d, -f3-
