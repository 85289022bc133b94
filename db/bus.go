package db

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"
	"golang.org/x/sync/errgroup"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/alert"
)

// The bus carries committed events between server processes. Writers only
// insert into event_outbox inside their transaction. A relay on every
// replica drains the outbox in batches with FOR UPDATE SKIP LOCKED and, in
// the same transaction, NOTIFYs the ids; every replica LISTENs, loads the
// events and fans them out to its own subscribers. A crash before the
// relay's commit leaves the rows for the next drain; after it, the
// notification is delivered once to each listening replica.

// busChannel is the NOTIFY channel.
const busChannel = "retain_events"

// maxNotifyIDs keeps a payload under PostgreSQL's 8000-byte NOTIFY limit.
const maxNotifyIDs = 190

// Bus relays outbox events to the hub of this process.
type Bus struct {
	DB  *DB
	Hub *alert.Hub
	Log *slog.Logger
	// PollInterval bounds how long an event waits when no local write woke
	// the relay (writes on other replicas).
	PollInterval time.Duration
}

type queuedKey struct{}

// markQueued notes on the transaction's context that it queued events, so
// the commit wakes the relay.
func markQueued(ctx context.Context) {
	if f, ok := ctx.Value(queuedKey{}).(*bool); ok {
		*f = true
	}
}

// Wake asks the relay to drain now.
func (db *DB) wake() {
	if db.Events != nil {
		select {
		case db.Events <- struct{}{}:
		default:
		}
	}
}

// RunRelay drains the outbox until ctx ends.
func (b *Bus) RunRelay(ctx context.Context) error {
	interval := b.PollInterval
	if interval == 0 {
		interval = 100 * time.Millisecond
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for {
			n, err := b.drain(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				b.Log.Error("event relay", "error", err)
				break
			}
			if n < maxNotifyIDs {
				break
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-b.DB.Events:
		case <-t.C:
		}
	}
}

// drainStmt moves one batch from the outbox to a notification in one
// statement, so one round trip: the rows are deleted and the ids notified
// in the same (implicit) transaction, and no notification is sent for an
// empty outbox.
const drainStmt = `WITH d AS (
	DELETE FROM event_outbox WHERE seq IN (
		SELECT seq FROM event_outbox ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
	RETURNING seq, kind, entity_id)
SELECT count(*), pg_notify(?, string_agg(left(kind, 1) || ':' || entity_id::text, ',' ORDER BY seq))::text
FROM d HAVING count(*) > 0`

// drain moves one batch from the outbox to a notification.
func (b *Bus) drain(ctx context.Context) (int, error) {
	var n int
	var notified string
	err := b.DB.NewRaw(drainStmt, maxNotifyIDs, busChannel).Scan(ctx, &n, &notified)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// RunListener receives notifications until ctx ends and publishes the events.
func (b *Bus) RunListener(ctx context.Context, ready chan<- struct{}) error {
	ln := pgdriver.NewListener(b.DB.DB)
	defer ln.Close()
	if err := ln.Listen(ctx, busChannel); err != nil {
		return err
	}
	if ready != nil {
		close(ready)
	}
	ch := ln.Channel(pgdriver.WithChannelSize(1000))
	for {
		select {
		case <-ctx.Done():
			return nil
		case n, ok := <-ch:
			if !ok {
				return nil
			}
			// Load whatever else has arrived meanwhile together with it.
			payloads := []string{n.Payload}
		more:
			for len(payloads) < 16 {
				select {
				case n, ok := <-ch:
					if !ok {
						break more
					}
					payloads = append(payloads, n.Payload)
				default:
					break more
				}
			}
			if err := b.publish(ctx, payloads); err != nil && ctx.Err() == nil {
				b.Log.Error("event listener", "error", err)
			}
		}
	}
}

// publish loads the events named in notification payloads and hands them to
// the hub.
func (b *Bus) publish(ctx context.Context, payloads []string) error {
	var alertIDs, customerIDs []string
	for _, payload := range payloads {
		for _, p := range strings.Split(payload, ",") {
			kind, id, ok := strings.Cut(p, ":")
			if !ok || !retain.ValidID(id) {
				continue
			}
			if kind == "A" {
				alertIDs = append(alertIDs, id)
			} else {
				customerIDs = append(customerIDs, id)
			}
		}
	}
	events, err := LoadEvents(ctx, b.DB, alertIDs, customerIDs)
	if err != nil {
		return err
	}
	b.Hub.Publish(events)
	return nil
}

type ownershipRow struct {
	ID              string
	WorkspaceID     string
	OwnerID         string
	OwnerManagerID  *string
	BackupOwnerID   *string
	BackupManagerID *string
}

// LoadEvents reads alerts and changed customers with their current ownership,
// in three queries whatever the batch size. The queries are independent
// (ownership is looked up through the alerts' ids) and run side by side,
// so loading costs one round trip of latency.
func LoadEvents(ctx context.Context, idb bun.IDB, alertIDs, customerIDs []string) ([]alert.Event, error) {
	var alerts []*retain.Alert
	var customers []*retain.Customer
	var rows []ownershipRow
	g, gctx := errgroup.WithContext(ctx)
	if len(alertIDs) > 0 {
		g.Go(func() error {
			return idb.NewSelect().Model(&alerts).Where("id IN (?)", bun.In(alertIDs)).Order("created_at", "id").Scan(gctx)
		})
	}
	if len(customerIDs) > 0 {
		g.Go(func() error {
			return idb.NewSelect().Model(&customers).ModelTableExpr("customers AS c").ColumnExpr("c.*").
				Where("c.id IN (?) AND c.archived_at IS NULL", bun.In(customerIDs)).Scan(gctx)
		})
	}
	if len(alertIDs)+len(customerIDs) > 0 {
		g.Go(func() error { return ownershipQuery(idb, alertIDs, customerIDs).Scan(gctx, &rows) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	owners := make(map[string]retain.Ownership, len(rows))
	for _, r := range rows {
		owners[r.ID] = retain.Ownership{WorkspaceID: r.WorkspaceID, Customer: r.ID, OwnerID: r.OwnerID,
			OwnerManagerID: str(r.OwnerManagerID), BackupID: str(r.BackupOwnerID), BackupManagerID: str(r.BackupManagerID)}
	}
	var events []alert.Event
	for _, a := range alerts {
		if o, ok := owners[a.CustomerID]; ok {
			events = append(events, alert.Event{Ownership: o, Alert: a})
		}
	}
	for _, c := range customers {
		if o, ok := owners[c.ID]; ok {
			events = append(events, alert.Event{Ownership: o, Customer: c})
		}
	}
	return events, nil
}

// ownershipQuery reads the ownership of the customers named and of the
// alerts' customers. The two sets are one IN over a UNION ALL: written as
// "c.id IN (…) OR c.id IN (SELECT … FROM alerts …)" the subquery becomes a
// hashed filter that no index can serve, and a batch holding both kinds of
// event scanned every customer (a second at 1M customers, every subscriber
// on every replica waiting).
func ownershipQuery(idb bun.IDB, alertIDs, customerIDs []string) *bun.SelectQuery {
	return idb.NewSelect().TableExpr("customers AS c").
		Join("JOIN users AS ou ON ou.id = c.owner_id").Join("LEFT JOIN users AS bu ON bu.id = c.backup_owner_id").
		ColumnExpr("c.id, c.workspace_id, c.owner_id, ou.manager_id AS owner_manager_id, c.backup_owner_id, bu.manager_id AS backup_manager_id").
		Where("c.archived_at IS NULL").
		Where("c.id IN (SELECT customer_id FROM alerts WHERE id = ANY(?::uuid[]) UNION ALL SELECT unnest(?::uuid[]))",
			pgdialect.Array(alertIDs), pgdialect.Array(customerIDs))
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
