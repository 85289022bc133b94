package risk

import "fmt"

// ValidationError reports one invalid configuration field. Field uses the
// same camelCase name as the API input, so callers can attach the message to
// the right form field without a mapping table.
type ValidationError struct {
	// Field is the camelCase name of the offending field, e.g. "contactOverdue".
	Field string
	// Reason says what is wrong, in English, for logs and API error details.
	Reason string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("risk: invalid %s: %s", e.Field, e.Reason)
}
