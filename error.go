package retain

import (
	"errors"
	"fmt"
)

// Error codes. They are part of the public API (GraphQL extensions.code), so
// they never change meaning.
const (
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	ENOTFOUND        = "NOT_FOUND"
	EINVALID         = "BAD_USER_INPUT"
	ECONFLICT        = "CONFLICT"
	EINTERNAL        = "INTERNAL"
)

// Error is the one application error. Its Message is safe to show to a user;
// any error that is not an *Error is internal and its text is never shown.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is a human-readable explanation for the client.
	Message string
	// Field names the offending input field for EINVALID, in the client's
	// spelling (e.g. "input.email"), when one field is to blame.
	Field string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("retain: %s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("retain: %s: %s", e.Code, e.Message)
}

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports bad input in one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports a record that does not exist or that the actor may not
// see; the two cases are deliberately indistinguishable.
func NotFound(what string) *Error {
	return &Error{Code: ENOTFOUND, Message: what + " not found"}
}

// Forbidden reports an action the actor's role or scopes do not allow.
func Forbidden(format string, args ...any) *Error {
	return &Error{Code: EFORBIDDEN, Message: fmt.Sprintf(format, args...)}
}

// Conflict reports a write based on a stale version.
func Conflict(what string) *Error {
	return &Error{Code: ECONFLICT, Message: what + " was changed by someone else; reload and try again"}
}

// ErrorCode returns the code of an application error, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorField returns the offending field of an EINVALID error, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
