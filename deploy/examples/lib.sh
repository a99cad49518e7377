# Shared by the worked examples: the services' addresses, development tokens and two curl helpers.
# shellcheck shell=bash
CO=localhost:8081 PR=localhost:8082 CI=localhost:8083
OPERATOR=$(deploy/token.sh operator)
AUDITOR=$(deploy/token.sh auditor)
SHA=$(printf 'example' | sha256sum | cut -d' ' -f1)

post() { # token url json: the answer's body; the script stops on a refusal
  curl -sf -X POST "$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3"
}
attempt() { # token url json: the answer's body, a refusal's problem+json included
  curl -s -X POST "$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3"
}
get() { # token url
  curl -sf "$2" -H "Authorization: Bearer $1"
}
