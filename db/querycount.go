package db

import (
	"context"
	"sync"

	"github.com/uptrace/bun"
)

// QueryCounter is a Bun query hook that counts the SQL statements a DB
// issues, so tests can prove that a request costs a constant number of
// queries however many rows it returns (no N+1). Install it with
// DB.AddQueryHook before serving requests; it is safe for concurrent use.
type QueryCounter struct {
	mu      sync.Mutex
	queries []string
}

var _ bun.QueryHook = (*QueryCounter)(nil)

// BeforeQuery implements bun.QueryHook.
func (c *QueryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

// AfterQuery implements bun.QueryHook; it records the statement, including
// BEGIN, COMMIT and ROLLBACK, which cost a round trip like any other.
func (c *QueryCounter) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	c.mu.Lock()
	c.queries = append(c.queries, e.Query)
	c.mu.Unlock()
}

// Reset forgets the statements counted so far.
func (c *QueryCounter) Reset() {
	c.mu.Lock()
	c.queries = nil
	c.mu.Unlock()
}

// Count returns the number of statements since the last Reset.
func (c *QueryCounter) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.queries)
}

// Queries returns the statements since the last Reset, oldest first, for
// explaining a count that is not what a test expected.
func (c *QueryCounter) Queries() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.queries...)
}
