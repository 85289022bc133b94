package retain

import (
	"context"
	"slices"
	"time"
)

// Role is a user's role in a workspace.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin   Role = "ADMIN"
	RoleManager Role = "MANAGER"
	RoleAgent   Role = "AGENT"
	RoleViewer  Role = "VIEWER"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleManager, RoleAgent, RoleViewer:
		return true
	}
	return false
}

// Integration token scopes.
const (
	ScopeCustomersRead  = "customers:read"
	ScopeCustomersWrite = "customers:write"
	ScopeOrdersWrite    = "orders:write"
	ScopeActivityWrite  = "interactions:write"
	ScopeAlertsRead     = "alerts:read"
)

// AllScopes lists every scope an integration token may carry.
var AllScopes = []string{ScopeCustomersRead, ScopeCustomersWrite, ScopeOrdersWrite, ScopeActivityWrite, ScopeAlertsRead}

// Actor is who performs a request: a signed-in user, or an integration token
// acting for a workspace.
type Actor struct {
	WorkspaceID string
	// UserID is empty for integration tokens.
	UserID string
	Role   Role
	// ManagerID is the user's manager, which defines a viewer's team.
	ManagerID string
	// TokenID is the jti of an integration token; empty for users.
	TokenID string
	// Scopes limit what an integration token may do.
	Scopes []string
	// Expires is when the credential stops being valid; long-lived
	// connections close then.
	Expires time.Time
}

// IsIntegration reports whether the actor is an integration token.
func (a *Actor) IsIntegration() bool { return a.TokenID != "" }

// HasScope reports whether an integration actor holds scope; users hold every scope.
func (a *Actor) HasScope(scope string) bool {
	return !a.IsIntegration() || slices.Contains(a.Scopes, scope)
}

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of the request, or nil when anonymous.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// RequireActor returns the actor or an EUNAUTHENTICATED error.
func RequireActor(ctx context.Context) (*Actor, error) {
	if a := ActorFrom(ctx); a != nil {
		return a, nil
	}
	return nil, Errorf(EUNAUTHENTICATED, "sign in first")
}

type requestIDKey struct{}

// WithRequestID returns a context carrying the request id used in logs and
// the audit log.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
