// Package db implements Retain's services on PostgreSQL through Bun. Query
// functions take bun.IDB so they run inside or outside a transaction;
// services open transactions at their edge.
package db

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/retain-crm/retain"
)

// DB is the database handle shared by the services.
type DB struct {
	*bun.DB
	// Now is the clock; tests replace it to travel in time.
	Now func() time.Time
	Log *slog.Logger
	// AlertingOff stores no alerts and queues no events (benchmarks only).
	AlertingOff bool
	// Events is signalled after a transaction that queued bus events
	// commits, so the relay publishes without waiting for its next poll.
	Events chan struct{}
	// statements holds the prepared statements of hot read paths by query text.
	statements sync.Map
	// search is what customer searches learn about the data (customer_search.go).
	search searchMemory
	// pipelined is what pipelined writes keep (perf_stmt.go).
	pipelined pipelineMemory
	// connector opened the pool; Unbounded opens a handle like it.
	connector *pgdriver.Connector
}

// Options tune the connection pool.
type Options struct {
	// MaxConns caps open connections (default 20).
	MaxConns int
	// StatementTimeout cancels runaway statements (default 10s).
	StatementTimeout time.Duration
}

// Open connects to dsn and checks the connection.
func Open(ctx context.Context, dsn string, opts Options, log *slog.Logger) (*DB, error) {
	if opts.MaxConns == 0 {
		opts.MaxConns = 20
	}
	if opts.StatementTimeout == 0 {
		opts.StatementTimeout = 10 * time.Second
	}
	connector := pgdriver.NewConnector(
		pgdriver.WithDSN(dsn),
		pgdriver.WithConnParams(map[string]any{
			"statement_timeout":                   strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10),
			"idle_in_transaction_session_timeout": "60000",
			"application_name":                    "retain",
		}),
	)
	sqldb := sql.OpenDB(connector)
	sqldb.SetMaxOpenConns(opts.MaxConns)
	sqldb.SetMaxIdleConns(opts.MaxConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	bdb := bun.NewDB(sqldb, pgdialect.New())
	if err := bdb.PingContext(ctx); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	return &DB{DB: bdb, Now: time.Now, Log: log, Events: make(chan struct{}, 1), connector: connector}, nil
}

// Unbounded opens a one-connection handle on the same database without the
// pool's client-side read timeout (ten seconds, pgdriver's default), for
// statements that may rightly run for minutes: migrations building indexes
// over a million customers. The caller closes it.
func (db *DB) Unbounded(ctx context.Context) (*bun.DB, error) {
	if db.connector == nil {
		return nil, errors.New("db: handle not opened by Open")
	}
	cfg := *db.connector.Config()
	cfg.ReadTimeout = 0
	sqldb := sql.OpenDB(pgdriver.NewConnector(func(c *pgdriver.Config) { *c = cfg }))
	sqldb.SetMaxOpenConns(1)
	bdb := bun.NewDB(sqldb, pgdialect.New())
	if err := bdb.PingContext(ctx); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	return bdb, nil
}

// NewID returns a new time-ordered id (UUIDv7).
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// now returns the clock's time truncated to microseconds, PostgreSQL's precision,
// so values read back compare equal to values written.
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Microsecond)
}

// tx runs fn in a transaction and translates database errors.
func (db *DB) tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	queued := false
	ctx = withAlerting(context.WithValue(ctx, queuedKey{}, &queued), !db.AlertingOff)
	err := db.RunInTx(ctx, nil, fn)
	if err == nil && queued {
		db.wake()
	}
	return translate(err)
}

// translate maps driver errors to application errors. Errors that are
// already application errors pass through; everything else stays internal.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var ae *retain.Error
	if errors.As(err, &ae) {
		return ae
	}
	if errors.Is(err, sql.ErrNoRows) {
		return retain.NotFound("record")
	}
	var pe pgdriver.Error
	if errors.As(err, &pe) {
		constraint := pe.Field('n')
		switch pe.Field('C') {
		case "23505":
			if f, ok := uniqueFields[constraint]; ok {
				return &retain.Error{Code: retain.ECONFLICT, Field: f.field, Message: f.message}
			}
			return retain.Errorf(retain.ECONFLICT, "a record with these values already exists")
		case "23503":
			return retain.Errorf(retain.EINVALID, "a referenced record does not exist")
		case "23514", "22001", "22003", "22007", "22008", "22P02":
			return retain.Errorf(retain.EINVALID, "a value is out of range")
		}
	}
	return err
}

type uniqueField struct{ field, message string }

// uniqueFields explains unique-constraint violations in the client's terms.
var uniqueFields = map[string]uniqueField{
	"customers_external_id_key":                {"input.externalId", "another customer already has this external id"},
	"users_email_key":                          {"input.email", "a user with this email already exists"},
	"relationship_types_workspace_id_name_key": {"input.name", "a relationship type with this name already exists"},
	"orders_external_id_key":                   {"input.externalId", "another order already has this external id"},
	"interactions_external_id_key":             {"input.externalId", "another interaction already has this external id"},
	"loss_reasons_workspace_id_code_key":       {"input.code", "a loss reason with this code already exists"},
	"playbooks_workspace_id_code_key":          {"input.code", "a playbook with this code already exists"},
}
