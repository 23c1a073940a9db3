// Package ewswords holds the words that belong to Exchange Web Services,
// not to SOAP in general: the output for any other service must not carry
// them unless its own schemas do (see internal/basket and
// generator.TestNoEWSInGenericOutput).
package ewswords

import "regexp"

// RE matches an EWS word.
var RE = regexp.MustCompile(`\b(EWS|Exchange|ServerVersionInfo|RequestServerVersion|ExchangeImpersonation|ErrorInvalidOperation|ErrorInvalidRequest|ErrorServerBusy|ErrorSchemaValidation|BackOffMilliseconds|AnchorMailbox|Mailbox|ResponseClass|ResponseCode|MessageXml)\b`)

// In returns the EWS words of data, each once, in the order they first occur.
func In(data []byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range RE.FindAll(data, -1) {
		if !seen[string(w)] {
			seen[string(w)] = true
			out = append(out, string(w))
		}
	}
	return out
}
