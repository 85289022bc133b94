package retain

import (
	"context"
	"time"
)

// Session is what a successful sign-in or refresh returns.
type Session struct {
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
	User             *User
}

// AuthService signs users in and out and turns bearer tokens into actors.
type AuthService interface {
	// Login checks email and password (EUNAUTHENTICATED on any mismatch, with
	// the same message whether the email exists or not).
	Login(ctx context.Context, email, password string) (*Session, error)
	// Refresh rotates a refresh token. Presenting an already used token
	// revokes its whole family (EUNAUTHENTICATED).
	Refresh(ctx context.Context, refreshToken string) (*Session, error)
	// Logout revokes the refresh token's family. Unknown tokens are ignored.
	Logout(ctx context.Context, refreshToken string) error
	// Authenticate verifies a bearer token (access or integration) and
	// returns its actor (EUNAUTHENTICATED).
	Authenticate(ctx context.Context, bearer string) (*Actor, error)
	// Me returns the signed-in user (EUNAUTHENTICATED for integrations).
	Me(ctx context.Context) (*User, error)
}

// APIToken is an integration token's record; the token itself is shown once.
type APIToken struct {
	ID          string     `bun:",pk,type:uuid"`
	WorkspaceID string     `bun:",type:uuid"`
	Name        string     `bun:""`
	Scopes      []string   `bun:",array"`
	CreatedBy   *string    `bun:",type:uuid"`
	ExpiresAt   time.Time  `bun:""`
	RevokedAt   *time.Time `bun:""`
	LastUsedAt  *time.Time `bun:""`
	CreatedAt   time.Time  `bun:""`
}

// APITokenInput asks for a new integration token.
type APITokenInput struct {
	Name   string
	Scopes []string
	// TTL is the lifetime; at most 2 years.
	TTL time.Duration
}

// MaxAPITokenTTL caps integration token lifetimes.
const MaxAPITokenTTL = 2 * 365 * 24 * time.Hour

// Validate checks name, scopes and lifetime.
func (in *APITokenInput) Validate() error {
	var err error
	if in.Name, err = CheckText("input.name", in.Name, 1, 100); err != nil {
		return err
	}
	if len(in.Scopes) == 0 {
		return Invalid("input.scopes", "at least one scope is required")
	}
	for _, s := range in.Scopes {
		known := false
		for _, k := range AllScopes {
			known = known || s == k
		}
		if !known {
			return Invalid("input.scopes", "unknown scope %q", s)
		}
	}
	if in.TTL <= 0 || in.TTL > MaxAPITokenTTL {
		return Invalid("input.expiresInDays", "lifetime must be between 1 day and 2 years")
	}
	return nil
}

// APITokenService manages integration tokens (admins only).
type APITokenService interface {
	// CreateAPIToken stores a token record and returns it with the signed token.
	CreateAPIToken(ctx context.Context, in APITokenInput) (*APIToken, string, error)
	// FindAPITokens lists the workspace's tokens.
	FindAPITokens(ctx context.Context) ([]*APIToken, error)
	// RevokeAPIToken revokes a token at once.
	RevokeAPIToken(ctx context.Context, id string) (*APIToken, error)
}
