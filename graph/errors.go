package graph

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"

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
		log.ErrorContext(ctx, "internal error", "request_id", retain.RequestID(ctx), "path", gqlErr.Path.String(), "error", err)
		return &gqlerror.Error{Message: "internal error", Path: gqlErr.Path,
			Extensions: map[string]any{"code": retain.EINTERNAL, "requestId": retain.RequestID(ctx)}}
	}
}

// recoverFunc logs a panic with its stack and never shows it to the client.
func recoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "request_id", retain.RequestID(ctx), "panic", p, "stack", string(debug.Stack()))
		return errors.New("panic recovered")
	}
}
