#!/usr/bin/env bash
# Article 6, worked through against the registry deploy/run-local.sh started (fresh .jcm-local/), over REST only: the
# Japan-Thailand case. Thailand onboarded with its registry kept here, its solar project registered and its 2024
# reductions verified (300 tCO2e); the Joint Committee's decision issues the 300 in Thailand's registry; Thailand's
# partner system authorizes them for NDC use and transfers 150 to Japan's registry, which accepts them; both
# registries' AEF tables show the same ITMO identifiers. Then Japan proposes 10 of them to Viet Nam's external
# registry (reserved while the proposal waits; the launcher provisions Viet Nam's partner topics, JCM_PARTNERS) and an
# operator cancels it. Needs curl and jq.
#   deploy/examples/article6-transfer.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/examples/lib.sh
THAILAND=$(deploy/token.sh partner --country TH)
PARTICIPANT=$(deploy/token.sh participant --participant PP-TH-0001)
YEAR=$(date -u +%Y)

echo "== country-onboarding: Thailand ACTIVE, registry TH (THA01) kept here, NDC and OIMP uses authorized; Viet Nam's registry external"
post "$OPERATOR" $CO/api/countries '{"code":"TH","name":"Thailand"}' >/dev/null
post "$OPERATOR" $CO/api/countries/TH/bilateral-document '{"signedOn":"2015-11-19"}' >/dev/null
post "$OPERATOR" $CO/api/countries/TH/joint-committee '{"establishedOn":"2016-01-20"}' >/dev/null
post "$OPERATOR" $CO/api/countries/TH/activation \
  '{"activatedOn":"2016-03-01","registryCode":"TH","article6RegistryId":"THA01","hosting":"HOSTED"}' | jq -c '{code, state}'
post "$OPERATOR" $CO/api/countries/TH/tpes \
  '{"tpeId":"TPE-TH-JQA","name":"Japan Quality Assurance Organization","sectoralScopes":[1],"designatedOn":"2016-04-01"}' >/dev/null
curl -s -X PUT $CO/api/countries/TH/article6 -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"ndcUseAuthorized":true,"oimpUseAuthorized":true,"oimpFirstTransfer":"AUTHORIZATION"}' | jq -c '.article6'
post "$OPERATOR" $CO/api/countries '{"code":"VN","name":"Viet Nam"}' >/dev/null
post "$OPERATOR" $CO/api/countries/VN/bilateral-document '{"signedOn":"2013-07-02"}' >/dev/null
post "$OPERATOR" $CO/api/countries/VN/joint-committee '{"establishedOn":"2013-08-02"}' >/dev/null
post "$OPERATOR" $CO/api/countries/VN/activation \
  '{"activatedOn":"2013-09-01","registryCode":"VN","article6RegistryId":"VNM01","hosting":"EXTERNAL"}' | jq -c '{code, state}'
until curl -sf $PR/api/countries/TH | jq -e '.version >= 5' >/dev/null; do sleep 0.5; done

echo "== project-registry: TH_AM001, project TH001 registered, 2024 verified (300 tCO2e)"
M=$(post "$OPERATOR" $PR/api/methodologies \
  '{"country":"TH","title":"Installation of solar PV system","sectoralScope":1,"proposedOn":"2016-06-10"}' | jq -r .id)
post "$OPERATOR" $PR/api/methodologies/$M/approval '{"decisionReference":"JC-TH-AM","decidedOn":"2016-07-20"}' >/dev/null
P=$(post "$OPERATOR" $PR/api/projects '{"title":"Solar power on factory rooftops in Thailand","hostCountry":"TH","methodology":"TH_AM001",
  "participants":[{"name":"Japanese Solar Developer Co.","country":"JP","role":"PROJECT_PARTICIPANT","focalPoint":true},
                  {"name":"Thai Energy Co., Ltd.","country":"TH","role":"PROJECT_PARTICIPANT","focalPoint":false,"participantId":"PP-TH-0001"}],
  "creditingPeriod":{"start":"2018-01-01","end":"2030-12-31"},"estimatedAnnualReductions":400,
  "creditAllocation":{"governmentOfJapan":50,"partnerGovernment":10,"participants":40},
  "documents":[{"kind":"PIN","uri":"https://jcm.example.org/docs/pin.pdf","sha256":"'$SHA'"}],"submittedOn":"2017-03-01"}' | jq -r .id)
post "$OPERATOR" $PR/api/projects/$P/no-objection '{"decisionReference":"JC-NO-1","decidedOn":"2017-04-01"}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/design-publication \
  '{"publishedOn":"2017-05-01","designDocument":{"uri":"https://jcm.example.org/docs/pdd.pdf","sha256":"'$SHA'"}}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/validation \
  '{"tpeId":"TPE-TH-JQA","validatedOn":"2017-08-01","report":{"uri":"https://jcm.example.org/docs/val.pdf","sha256":"'$SHA'"}}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/registration-request '{"requestedOn":"2017-09-01"}' >/dev/null
post "$OPERATOR" $PR/api/projects/$P/registration '{"decisionReference":"JC-TH-10/2017","decidedOn":"2017-10-01"}' | jq -c '{reference, state}'
R=$(post "$PARTICIPANT" $PR/api/projects/TH001/monitoring-reports '{"period":{"start":"2024-01-01","end":"2024-12-31"},
  "claimedReductions":[{"vintage":2024,"tonnes":310}],"totalClaimed":310,"submittedOn":"2025-01-20",
  "document":{"uri":"https://jcm.example.org/th001/monitoring-1.pdf","sha256":"'$SHA'"}}' | jq -r .id)
post "$OPERATOR" $PR/api/projects/TH001/monitoring-reports/$R/verifications '{"tpeId":"TPE-TH-JQA","verifiedOn":"2025-02-01",
  "opinion":"POSITIVE","verifiedReductions":[{"vintage":2024,"tonnes":300}],"totalVerified":300,
  "report":{"uri":"https://jcm.example.org/th001/verification-1.pdf","sha256":"'$SHA'"}}' | jq -c '{totalVerified}'

echo "== credit-issuance: the Joint Committee's decision issues the 300 in Thailand's registry"
REQUEST='{"projectReference":"TH001","monitoringPeriodStart":"2024-01-01","monitoringPeriodEnd":"2024-12-31"}'
until I=$(post "$PARTICIPANT" $CI/api/issuances "$REQUEST" | jq -r .id) && [ -n "$I" ] && [ "$I" != null ]; do sleep 0.5; done
post "$OPERATOR" $CI/api/issuances/$I/decision '{"decisionReference":"JC-TH-2025-01","decidedOn":"2025-02-14",
  "lines":[{"registry":"TH","account":"TH-100-1","vintage":2024,"quantity":300}]}' | jq -c '{state, issued, blocks: [.lines[].block]}'
echo "-- 150 to Japan before Thailand authorized them: refused"
TRANSFER='{"fromAccount":"TH-100-1","toRegistry":"JP","toAccount":"JP-100-1","quantity":150,"decision":"Thailand approves the international transfer"}'
attempt "$THAILAND" $CI/api/external-transfers "$TRANSFER" | jq -c '{status, code, detail}'

echo "== Thailand's partner system authorizes the 300 for NDC use, then transfers 150 to Japan's registry"
post "$THAILAND" $CI/api/registries/TH/authorizations '{"reference":"TH-A6-2025-001","authorizedOn":"2025-03-14","uses":["NDC"],
  "projectReference":"TH001","vintages":[2024],"quantity":300}' | jq -c '{reference, uses, firstTransfer, quantity, ranges: [.ranges[] | "\(.firstItmo)..\(.lastItmo)"]}'
post "$THAILAND" $CI/api/external-transfers "$TRANSFER" \
  | jq -c '{state, steps: [.steps[] | "\(.state) \([.openedBlocks[] | "\(.display) \(.account) \(.origin)"] | join(", "))"]}'

echo "== the AEF tables of both Parties for $YEAR: the same ITMO identifiers"
curl -sf "$CI/api/reports/article6/actions?registry=TH&year=$YEAR" | jq -c '.[] | {action, detail, firstItmo, lastItmo, quantity, transferringParty, acquiringParty}'
curl -sf "$CI/api/reports/article6/actions?registry=JP&year=$YEAR" | jq -c '.[] | {action, firstItmo, lastItmo, quantity, transferringParty, acquiringParty}'
echo "-- holdings at the end of $YEAR (so far), CSV"
curl -sf "$CI/api/reports/article6/holdings?registry=TH&year=$YEAR&format=csv" | cut -d, -f4-7,12-15
curl -sf "$CI/api/reports/article6/holdings?registry=JP&year=$YEAR&format=csv" | cut -d, -f4-7,12-15
echo "-- conservation: issued + received = held + retired + cancelled + transferred out"
get "$AUDITOR" "$CI/api/ledger/conservation" | jq -c '{holds, registries: [.registries[] | select(.registry == "TH" or .registry == "JP")
  | {registry, issued, received, held, transferredOut}]}'

echo "== Japan proposes 10 of them to Viet Nam's external registry: reserved until its answer, then cancelled"
X=$(post "$OPERATOR" $CI/api/external-transfers \
  '{"fromAccount":"JP-100-1","toRegistry":"VN","toAccount":"VN-100-1","ranges":[{"registry":"TH","start":1,"end":10}]}')
echo "$X" | jq -c '{state, expiresAt: (.expiresAt != null), reserved: [.steps[0].openedBlocks[] | "\(.display) \(.origin)"]}'
echo "-- meanwhile nothing else moves them: retiring serials TH 1..10 is refused"
attempt "$OPERATOR" $CI/api/retirements '{"fromAccount":"JP-100-1","ranges":[{"registry":"TH","start":1,"end":10}],"purpose":"NDC",
  "beneficiary":"Government of Japan","yearOfUse":2025}' | jq -c '{status, code}'
post "$OPERATOR" $CI/api/external-transfers/$(echo "$X" | jq -r .id)/cancellation '{"reason":"The buyer withdrew"}' \
  | jq -c '{state, reason, released: [.steps[0].openedBlocks[] | "\(.display) \(.origin)"]}'
