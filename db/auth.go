package db

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
)

// Token lifetimes.
const (
	AccessTokenTTL  = 10 * time.Minute
	RefreshTokenTTL = 30 * 24 * time.Hour
	// refreshGrace lets a client that lost the response to a refresh retry
	// it without being treated as a thief.
	refreshGrace = 10 * time.Second
)

// AuthService implements retain.AuthService.
type AuthService struct {
	DB        *DB
	Issuer    *auth.Issuer
	Passwords auth.Passwords
}

var _ retain.AuthService = (*AuthService)(nil)

var errBadLogin = retain.Errorf(retain.EUNAUTHENTICATED, "email or password is wrong")
var errBadRefresh = retain.Errorf(retain.EUNAUTHENTICATED, "the session has expired; sign in again")

// Login checks credentials and starts a session.
func (s *AuthService) Login(ctx context.Context, email, password string) (*retain.Session, error) {
	email = strings.TrimSpace(email)
	// Every stored email passed CheckEmail, so one that fails it cannot
	// match; refusing it here also keeps NUL bytes (which the driver drops
	// silently) from turning a garbled email into a real one.
	if _, err := retain.CheckEmail("email", email, false); err != nil || len(password) > 128 {
		return nil, errBadLogin
	}
	u := new(retain.User)
	err := s.DB.NewSelect().Model(u).Where("lower(email) = lower(?) AND active", email).Scan(ctx)
	if err != nil {
		if retain.ErrorCode(translate(err)) != retain.ENOTFOUND {
			return nil, translate(err)
		}
		s.Passwords.CheckMissing(password)
		return nil, errBadLogin
	}
	if !s.Passwords.Check(u.PasswordHash, password) {
		return nil, errBadLogin
	}
	var sess *retain.Session
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		sess, err = s.issue(ctx, tx, u, NewID())
		if err != nil {
			return err
		}
		a := &retain.Actor{WorkspaceID: u.WorkspaceID, UserID: u.ID, Role: u.Role}
		return s.DB.audit(ctx, tx, a, "session.login", "user", u.ID, nil, nil)
	})
	return sess, err
}

type refreshRow struct {
	bun.BaseModel `bun:"table:refresh_tokens"`
	ID            string `bun:",pk,type:uuid"`
	WorkspaceID   string `bun:",type:uuid"`
	UserID        string `bun:",type:uuid"`
	FamilyID      string `bun:",type:uuid"`
	TokenHash     []byte
	ExpiresAt     time.Time
	UsedAt        *time.Time
	RevokedAt     *time.Time
	CreatedAt     time.Time
}

// issue signs an access token and stores a new refresh token in family.
func (s *AuthService) issue(ctx context.Context, idb bun.IDB, u *retain.User, family string) (*retain.Session, error) {
	now := s.DB.now()
	access, err := s.Issuer.Sign(auth.TypeAccess, auth.Claims{
		RegisteredClaims: auth.Registered(u.ID, auth.AudienceAPI, NewID(), now, now.Add(AccessTokenTTL)),
		Workspace:        u.WorkspaceID,
	})
	if err != nil {
		return nil, err
	}
	token, hash, err := auth.NewOpaqueToken()
	if err != nil {
		return nil, err
	}
	row := &refreshRow{ID: NewID(), WorkspaceID: u.WorkspaceID, UserID: u.ID, FamilyID: family, TokenHash: hash,
		ExpiresAt: now.Add(RefreshTokenTTL), CreatedAt: now}
	if _, err := idb.NewInsert().Model(row).Exec(ctx); err != nil {
		return nil, err
	}
	return &retain.Session{AccessToken: access, AccessExpiresAt: now.Add(AccessTokenTTL),
		RefreshToken: token, RefreshExpiresAt: row.ExpiresAt, User: u}, nil
}

// Refresh rotates a refresh token; a replayed one revokes its family.
func (s *AuthService) Refresh(ctx context.Context, refreshToken string) (*retain.Session, error) {
	if refreshToken == "" || len(refreshToken) > 200 {
		return nil, errBadRefresh
	}
	var sess *retain.Session
	var replayed bool
	err := s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		row := new(refreshRow)
		if err := tx.NewSelect().Model(row).Where("token_hash = ?", auth.HashOpaque(refreshToken)).For("UPDATE").Scan(ctx); err != nil {
			return errBadRefresh
		}
		now := s.DB.now()
		if row.RevokedAt != nil || !now.Before(row.ExpiresAt) {
			return errBadRefresh
		}
		if row.UsedAt != nil {
			if now.Sub(*row.UsedAt) > refreshGrace {
				// Reuse means the token leaked: end every session of this login.
				replayed = true
				_, err := tx.NewUpdate().TableExpr("refresh_tokens").Set("revoked_at = ?", now).
					Where("family_id = ? AND revoked_at IS NULL", row.FamilyID).Exec(ctx)
				if err != nil {
					return err
				}
				a := &retain.Actor{WorkspaceID: row.WorkspaceID, UserID: row.UserID}
				return s.DB.audit(ctx, tx, a, "session.refreshReplayed", "user", row.UserID, nil, map[string]any{"family": row.FamilyID})
			}
		}
		u := new(retain.User)
		if err := tx.NewSelect().Model(u).Where("id = ? AND active", row.UserID).Scan(ctx); err != nil {
			return errBadRefresh
		}
		if _, err := tx.NewUpdate().TableExpr("refresh_tokens").Set("used_at = coalesce(used_at, ?)", now).Where("id = ?", row.ID).Exec(ctx); err != nil {
			return err
		}
		var err error
		sess, err = s.issue(ctx, tx, u, row.FamilyID)
		return err
	})
	if replayed {
		return nil, errBadRefresh
	}
	return sess, err
}

// Logout revokes the whole family of the refresh token.
func (s *AuthService) Logout(ctx context.Context, refreshToken string) error {
	if refreshToken == "" || len(refreshToken) > 200 {
		return nil
	}
	_, err := s.DB.NewUpdate().TableExpr("refresh_tokens").Set("revoked_at = ?", s.DB.now()).
		Where("family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?) AND revoked_at IS NULL", auth.HashOpaque(refreshToken)).
		Exec(ctx)
	return translate(err)
}

// Authenticate verifies a bearer token and loads its actor. Users are read
// on every request so a deactivated user or changed role takes effect at once.
func (s *AuthService) Authenticate(ctx context.Context, bearer string) (*retain.Actor, error) {
	unauth := retain.Errorf(retain.EUNAUTHENTICATED, "the token is invalid or expired")
	// Ids are checked before they reach SQL: a malformed one would be a
	// database error (503) instead of the 401 a bad token deserves.
	if c, err := s.Issuer.Verify(bearer, auth.TypeAccess, auth.AudienceAPI); err == nil {
		if !retain.ValidID(c.Subject) || !retain.ValidID(c.Workspace) {
			return nil, unauth
		}
		a := &retain.Actor{Expires: c.ExpiresAt.Time}
		found, err := s.DB.activeUser(ctx, c.Subject, c.Workspace, a)
		if err != nil {
			return nil, translate(err)
		}
		if !found {
			return nil, unauth
		}
		return a, nil
	}
	c, err := s.Issuer.Verify(bearer, auth.TypeIntegration, auth.AudienceIntegration)
	if err != nil || !retain.ValidID(c.ID) || !retain.ValidID(c.Workspace) {
		return nil, unauth
	}
	tok := new(retain.APIToken)
	if err := s.DB.NewSelect().Model(tok).ModelTableExpr("api_tokens AS api_token").
		Where("id = ? AND workspace_id = ? AND revoked_at IS NULL", c.ID, c.Workspace).Scan(ctx); err != nil {
		if retain.ErrorCode(translate(err)) == retain.ENOTFOUND {
			return nil, unauth
		}
		return nil, translate(err)
	}
	return &retain.Actor{WorkspaceID: tok.WorkspaceID, TokenID: tok.ID, Scopes: tok.Scopes, Expires: c.ExpiresAt.Time}, nil
}

// Me returns the signed-in user.
func (s *AuthService) Me(ctx context.Context) (*retain.User, error) {
	a, err := retain.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if a.UserID == "" {
		return nil, retain.Errorf(retain.EUNAUTHENTICATED, "integration tokens have no user")
	}
	return findUser(ctx, s.DB, a.WorkspaceID, a.UserID)
}

// activeUserStmt reads the actor of a user token: every request, so a
// deactivated user or a changed role or manager takes effect at once.
var activeUserStmt = &namedStmt{name: "retain_active_user", types: "uuid, uuid", sql: `
SELECT id::text, workspace_id::text, role, coalesce(manager_id::text, '') FROM users WHERE id = $1 AND workspace_id = $2 AND active`}

// activeUser fills a with user id of workspace ws if that user is active,
// reporting whether it is. It runs as a statement prepared on the connection
// (perf_stmt.go): the per-request lookup is then one execution, not a parse
// and a plan as well.
func (db *DB) activeUser(ctx context.Context, id, ws string, a *retain.Actor) (bool, error) {
	p, err := db.pin(ctx)
	if err != nil {
		return false, err
	}
	defer p.release()
	found := false
	err = p.query(ctx, "", []string{p.execute(activeUserStmt, id, ws)}, func(rows *sql.Rows) error {
		if !rows.Next() {
			return nil
		}
		found = true
		return rows.Scan(&a.UserID, &a.WorkspaceID, &a.Role, &a.ManagerID)
	})
	return found, err
}
