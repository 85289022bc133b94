package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// Every write rescores its customer in its own transaction with signalsSQL.
// Planning that statement (six aggregated subqueries) costs several times
// executing it for one customer, so the write path runs it as a prepared
// statement: PostgreSQL plans the first executions on a connection and then
// keeps a generic plan, and database/sql keeps one prepared copy per pooled
// connection (a transaction reuses its connection's copy).

// oneSignalsStmts holds the prepared statement of each connection pool.
var oneSignalsStmts sync.Map // *sql.DB → *sql.Stmt

// oneSignalsSQL is signalsSQL for one customer with native parameters:
// $1 now, $2 the workspace, $3 the customer.
func oneSignalsSQL() string {
	q := fmt.Sprintf(signalsSQL, "c.id = $3", "x.customer_id = $3", "(SELECT w.settings::text FROM workspaces w WHERE w.id = $2)")
	q = strings.ReplaceAll(q, "?0", "$1::timestamptz")
	return strings.ReplaceAll(q, "?1", "$2::uuid")
}

func oneSignalsStmt(ctx context.Context, sqldb *sql.DB) (*sql.Stmt, error) {
	if s, ok := oneSignalsStmts.Load(sqldb); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := sqldb.PrepareContext(ctx, oneSignalsSQL())
	if err != nil {
		return nil, err
	}
	if prev, loaded := oneSignalsStmts.LoadOrStore(sqldb, s); loaded {
		_ = s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}

// readOneSignals reads one customer's signals through the prepared
// statement, inside the caller's transaction if there is one.
func readOneSignals(ctx context.Context, idb bun.IDB, db *DB, workspaceID, customerID string, now time.Time) ([]signalRow, error) {
	if db == nil || db.DB == nil || !retain.ValidID(customerID) || !retain.ValidID(workspaceID) {
		return readSignals(ctx, idb, workspaceID, customerSet{IDs: []string{customerID}}, now)
	}
	stmt, err := oneSignalsStmt(ctx, db.DB.DB)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	switch t := idb.(type) {
	case bun.Tx:
		rows, err = t.Tx.StmtContext(ctx, stmt).QueryContext(ctx, now, workspaceID, customerID)
	case *bun.DB:
		rows, err = stmt.QueryContext(ctx, now, workspaceID, customerID)
	default:
		return readSignals(ctx, idb, workspaceID, customerSet{IDs: []string{customerID}}, now)
	}
	if err != nil {
		return nil, err
	}
	return scanSignals(rows)
}
