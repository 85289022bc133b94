package graph

import (
	"context"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/graph/model"
	"github.com/retain-crm/retain/risk"
)

// deref returns *p or the zero value.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func page(first *int, after *string) retain.Page {
	return retain.Page{First: deref(first), After: deref(after)}
}

func pageInfo(hasNext bool, cursors []string) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext}
	if n := len(cursors); n > 0 {
		pi.EndCursor = &cursors[n-1]
	}
	return pi
}

func customerEdges(p *retain.CustomerPage) []*model.CustomerEdge {
	edges := make([]*model.CustomerEdge, len(p.Customers))
	for i, c := range p.Customers {
		edges[i] = &model.CustomerEdge{Cursor: p.Cursors[i], Node: c}
	}
	return edges
}

func stringMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// explain renders a stored risk factor in the client's language.
func explain(f *retain.RiskFactor, lang string) string {
	return risk.Explain(risk.Factor{Key: f.Key, Points: f.Points, Message: risk.MessageKey(f.Message), Params: f.Params}, lang)
}

func days(n int) time.Duration {
	return time.Duration(n) * 24 * time.Hour
}

// authPayload shapes a session for the client kind: browsers get the
// refresh token as an HttpOnly cookie, never in the body.
func authPayload(ctx context.Context, s *retain.Session, client *model.ClientKind, err error) (*model.AuthPayload, error) {
	if err != nil {
		return nil, err
	}
	p := &model.AuthPayload{AccessToken: s.AccessToken, AccessTokenExpiresAt: s.AccessExpiresAt,
		RefreshTokenExpiresAt: s.RefreshExpiresAt, User: s.User}
	if client != nil && *client == model.ClientKindMobile {
		p.RefreshToken = &s.RefreshToken
	} else {
		refreshCookieFrom(ctx).Set(s.RefreshToken, s.RefreshExpiresAt)
	}
	return p, nil
}

// refreshTokenOf returns the token argument, else the browser's cookie.
func refreshTokenOf(ctx context.Context, token *string) string {
	if token != nil && *token != "" {
		return *token
	}
	return refreshCookieFrom(ctx).Get()
}

func endSession(ctx context.Context, a retain.AuthService, token *string) error {
	err := a.Logout(ctx, refreshTokenOf(ctx, token))
	refreshCookieFrom(ctx).Clear()
	return err
}
