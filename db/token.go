package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
)

// APITokenService implements retain.APITokenService.
type APITokenService struct {
	DB     *DB
	Issuer *auth.Issuer
}

var _ retain.APITokenService = (*APITokenService)(nil)

// CreateAPIToken stores an integration token and returns its signed JWT.
func (s *APITokenService) CreateAPIToken(ctx context.Context, in retain.APITokenInput) (*retain.APIToken, string, error) {
	a, err := actorFor(ctx, retain.ActionManageTokens)
	if err != nil {
		return nil, "", err
	}
	return s.create(ctx, a, in)
}

// CreateAPITokenAsSystem creates a token for a workspace from the command
// line, where there is no signed-in user.
func (s *APITokenService) CreateAPITokenAsSystem(ctx context.Context, workspaceID string, in retain.APITokenInput) (*retain.APIToken, string, error) {
	return s.create(ctx, &retain.Actor{WorkspaceID: workspaceID, Role: retain.RoleAdmin}, in)
}

func (s *APITokenService) create(ctx context.Context, a *retain.Actor, in retain.APITokenInput) (*retain.APIToken, string, error) {
	if err := in.Validate(); err != nil {
		return nil, "", err
	}
	now := s.DB.now()
	t := &retain.APIToken{ID: NewID(), WorkspaceID: a.WorkspaceID, Name: in.Name, Scopes: in.Scopes,
		ExpiresAt: now.Add(in.TTL), CreatedAt: now}
	if a.UserID != "" {
		t.CreatedBy = &a.UserID
	}
	jwt, err := s.Issuer.Sign(auth.TypeIntegration, auth.Claims{
		RegisteredClaims: auth.Registered(t.ID, auth.AudienceIntegration, t.ID, now, t.ExpiresAt),
		Workspace:        t.WorkspaceID,
		Scopes:           t.Scopes,
	})
	if err != nil {
		return nil, "", err
	}
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(t).ModelTableExpr("api_tokens").Exec(ctx); err != nil {
			return err
		}
		return s.DB.audit(ctx, tx, a, "apiToken.create", "api_token", t.ID, nil, t)
	})
	if err != nil {
		return nil, "", err
	}
	return t, jwt, nil
}

// FindAPITokens lists the workspace's tokens, newest first.
func (s *APITokenService) FindAPITokens(ctx context.Context) ([]*retain.APIToken, error) {
	a, err := actorFor(ctx, retain.ActionManageTokens)
	if err != nil {
		return nil, err
	}
	var out []*retain.APIToken
	err = s.DB.NewSelect().Model(&out).ModelTableExpr("api_tokens AS api_token").
		Where("workspace_id = ?", a.WorkspaceID).Order("created_at DESC").Scan(ctx)
	return out, translate(err)
}

// RevokeAPIToken revokes a token; authentication checks revocation on every request.
func (s *APITokenService) RevokeAPIToken(ctx context.Context, id string) (*retain.APIToken, error) {
	a, err := actorFor(ctx, retain.ActionManageTokens)
	if err != nil {
		return nil, err
	}
	if !retain.ValidID(id) {
		return nil, retain.NotFound("token")
	}
	t := new(retain.APIToken)
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(t).ModelTableExpr("api_tokens AS api_token").
			Where("workspace_id = ? AND id = ?", a.WorkspaceID, id).For("UPDATE").Scan(ctx); err != nil {
			return notFoundAs(err, "token")
		}
		if t.RevokedAt == nil {
			now := s.DB.now()
			t.RevokedAt = &now
			if _, err := tx.NewUpdate().TableExpr("api_tokens").Set("revoked_at = ?", now).Where("id = ?", id).Exec(ctx); err != nil {
				return err
			}
		}
		return s.DB.audit(ctx, tx, a, "apiToken.revoke", "api_token", t.ID, nil, nil)
	})
	return t, err
}
