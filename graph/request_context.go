package graph

import (
	"context"
	"time"
)

// RefreshCookie gives resolvers the browser's refresh-token cookie without
// them knowing HTTP; the server supplies the implementation.
type RefreshCookie interface {
	Get() string
	Set(token string, expires time.Time)
	Clear()
}

type cookieKey struct{}

// WithRefreshCookie returns ctx carrying the request's cookie access.
func WithRefreshCookie(ctx context.Context, c RefreshCookie) context.Context {
	return context.WithValue(ctx, cookieKey{}, c)
}

type noCookie struct{}

func (noCookie) Get() string           { return "" }
func (noCookie) Set(string, time.Time) {}
func (noCookie) Clear()                {}

func refreshCookieFrom(ctx context.Context) RefreshCookie {
	if c, ok := ctx.Value(cookieKey{}).(RefreshCookie); ok {
		return c
	}
	return noCookie{}
}

type idempotencyKeyCtx struct{}

// WithIdempotencyKey carries the request's Idempotency-Key header.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKeyCtx{}, key)
}

// idempotencyKeyOf prefers the argument, else the header.
func idempotencyKeyOf(ctx context.Context, arg *string) *string {
	if arg != nil {
		return arg
	}
	if k, _ := ctx.Value(idempotencyKeyCtx{}).(string); k != "" {
		return &k
	}
	return nil
}
