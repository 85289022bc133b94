package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/retain-crm/retain"
)

// clientCodes are codes gqlgen itself sets on errors that are the client's
// fault (parse, validation, limits); they are reported as BAD_USER_INPUT.
var clientCodes = map[string]bool{
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, "COMPLEXITY_LIMIT_EXCEEDED": true,
	"PERSISTED_QUERY_NOT_FOUND": true, "PERSISTED_QUERY_NOT_SUPPORTED": true, retain.EINVALID: true,
}

// errorPresenter maps every error to one of the stable codes. Application
// errors keep their message; anything unexpected is logged with the request
// id and shown only as "internal error".
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var appErr *retain.Error
		if errors.As(err, &appErr) {
			gqlErr.Message = appErr.Message
			gqlErr.Extensions = map[string]any{"code": appErr.Code}
			if appErr.Field != "" {
				gqlErr.Extensions["field"] = appErr.Field
			}
			return gqlErr
		}
		var inner *gqlerror.Error
		if errors.As(err, &inner) && inner.Err == nil {
			if code, _ := inner.Extensions["code"].(string); clientCodes[code] || (code == "" && len(inner.Path) == 0) {
				gqlErr.Extensions = map[string]any{"code": retain.EINVALID}
				return gqlErr
			}
		}
		if field, ok := badArgument(ctx, gqlErr); ok {
			// The scalar's own message names Go types; say which input was wrong instead.
			return &gqlerror.Error{Message: field + " is not a valid value", Path: gqlErr.Path, Locations: gqlErr.Locations,
				Extensions: map[string]any{"code": retain.EINVALID, "field": field}}
		}
		log.ErrorContext(ctx, "internal error", "request_id", retain.RequestID(ctx), "path", gqlErr.Path.String(), "error", err)
		return &gqlerror.Error{Message: "internal error", Path: gqlErr.Path,
			Extensions: map[string]any{"code": retain.EINTERNAL, "requestId": retain.RequestID(ctx)}}
	}
}

// badArgument recognises an error raised while decoding a field's arguments
// (a Map that is not an object, a Time that does not parse…), which
// gqlparser's validation cannot catch for custom scalars. Generated code
// leaves the field context's Args nil exactly when that decoding failed;
// resolver errors and panics happen after Args is set. It returns the
// argument path, such as "input.details".
func badArgument(ctx context.Context, e *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || len(fc.Field.Arguments) == 0 || fc.Args != nil {
		return "", false
	}
	own := len(fc.Path())
	if len(e.Path) <= own {
		return "", false
	}
	parts := make([]string, 0, len(e.Path)-own)
	for _, p := range e.Path[own:] {
		parts = append(parts, fmt.Sprint(p))
	}
	return strings.Join(parts, "."), true
}

// recoverFunc logs a panic with its stack and never shows it to the client.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "request_id", retain.RequestID(ctx), "panic", p, "stack", string(debug.Stack()))
		return errors.New("panic recovered")
	}
}
