package db

import (
	"context"
	"database/sql"
)

// Hot read paths whose statement is fixed run as prepared statements:
// PostgreSQL plans the first executions on a connection and then keeps a
// generic plan, and planning the customer page's timeline (a five-branch
// UNION ALL) cost ten times executing it. database/sql keeps one prepared
// copy per pooled connection and re-prepares on a new one by itself.

// prepared returns the pool's prepared statement for query, preparing it once.
func (db *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := db.statements.Load(query); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := db.DB.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.statements.LoadOrStore(query, s); loaded {
		_ = s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}
