package graph

import (
	"context"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/alert"
	"github.com/retain-crm/retain/graph/model"
	"github.com/retain-crm/retain/keydate"
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

// days converts a lifetime in days; an absurd count becomes -1 so
// validation rejects it instead of overflowing into a plausible duration.
func days(n int) time.Duration {
	if n < 1 || n > 3650 {
		return -1
	}
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

// connection assembles a Relay edge list from nodes and their cursors.
func connection[T any, E any](nodes []T, cursors []string, edge func(cursor string, node T) E) []E {
	out := make([]E, len(nodes))
	for i, n := range nodes {
		out[i] = edge(cursors[i], n)
	}
	return out
}

func complaintConnection(ks []*retain.Complaint, cursors []string, hasNext bool, err error) (*model.ComplaintConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.ComplaintConnection{PageInfo: pageInfo(hasNext, cursors),
		Edges: connection(ks, cursors, func(c string, k *retain.Complaint) *model.ComplaintEdge {
			return &model.ComplaintEdge{Cursor: c, Node: k}
		})}, nil
}

func timelineConnection(p *retain.TimelinePage, err error) (*model.TimelineConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.TimelineConnection{PageInfo: pageInfo(p.HasNextPage, p.Cursors),
		Edges: connection(p.Entries, p.Cursors, func(c string, e *retain.TimelineEntry) *model.TimelineEdge {
			return &model.TimelineEdge{Cursor: c, Node: e}
		})}, nil
}

func promiseConnection(ps []*retain.Promise, end string, hasNext bool, err error) (*model.PromiseConnection, error) {
	if err != nil {
		return nil, err
	}
	pi := &model.PageInfo{HasNextPage: hasNext}
	if end != "" {
		pi.EndCursor = &end
	}
	return &model.PromiseConnection{Nodes: ps, PageInfo: pi}, nil
}

func orderConnection(os []*retain.Order, cursors []string, hasNext bool, err error) (*model.OrderConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.OrderConnection{Nodes: os, PageInfo: pageInfo(hasNext, cursors)}, nil
}

func winBackConnection(es []*retain.WinBackEntry, cursors []string, hasNext bool, err error) (*model.WinBackConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.WinBackConnection{PageInfo: pageInfo(hasNext, cursors),
		Edges: connection(es, cursors, func(c string, e *retain.WinBackEntry) *model.WinBackEdge {
			return &model.WinBackEdge{Cursor: c, Node: e}
		})}, nil
}

func auditConnection(es []*retain.AuditEntry, cursors []string, hasNext bool, err error) (*model.AuditConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.AuditConnection{PageInfo: pageInfo(hasNext, cursors),
		Edges: connection(es, cursors, func(c string, e *retain.AuditEntry) *model.AuditEdge { return &model.AuditEdge{Cursor: c, Node: e} })}, nil
}

// values dereferences the rows gqlgen hands over as pointers.
func values[T any](ptrs []*T) []T {
	out := make([]T, len(ptrs))
	for i, p := range ptrs {
		out[i] = *p
	}
	return out
}

// nextKeyDate is a key date's next occurrence from today in UTC; the
// agenda uses the workspace's zone.
func nextKeyDate(kd *retain.KeyDate, now time.Time) *time.Time {
	r := keydate.Recurrence{Calendar: keydate.Calendar(kd.Calendar), Month: kd.Month, Day: kd.Day}
	t, err := r.Next(now, time.UTC)
	if err != nil {
		return nil
	}
	return &t
}

func totalCost(steps []*retain.RemediationStep) float64 {
	sum := 0.0
	for _, s := range steps {
		sum += s.Cost
	}
	return sum
}

func alertConnection(as []*retain.Alert, cursors []string, hasNext bool, err error) (*model.AlertConnection, error) {
	if err != nil {
		return nil, err
	}
	return &model.AlertConnection{PageInfo: pageInfo(hasNext, cursors),
		Edges: connection(as, cursors, func(c string, a *retain.Alert) *model.AlertEdge { return &model.AlertEdge{Cursor: c, Node: a} })}, nil
}

func subscriptionFilter(f *model.AlertSubscriptionFilter) alert.Filter {
	if f == nil {
		return alert.Filter{}
	}
	out := alert.Filter{Kinds: f.Kinds, CustomerID: deref(f.CustomerID)}
	if f.MinLevel != nil {
		out.MinLevel = *f.MinLevel
	}
	return out
}

// sinceDays is the start of a window of days ending now, capped at 2 years.
func sinceDays(now time.Time, days int) time.Time {
	return now.AddDate(0, 0, -min(max(days, 1), 730))
}
