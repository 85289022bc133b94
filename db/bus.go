package db

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"

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

// drain moves one batch from the outbox to a notification.
func (b *Bus) drain(ctx context.Context) (int, error) {
	var n int
	err := b.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []struct {
			Kind     string
			EntityID string
		}
		if err := tx.NewRaw(`DELETE FROM event_outbox WHERE seq IN (
			SELECT seq FROM event_outbox ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING kind, entity_id`, maxNotifyIDs).
			Scan(ctx, &rows); err != nil {
			return err
		}
		if n = len(rows); n == 0 {
			return nil
		}
		parts := make([]string, n)
		for i, r := range rows {
			parts[i] = r.Kind[:1] + ":" + r.EntityID
		}
		_, err := tx.ExecContext(ctx, "SELECT pg_notify(?, ?)", busChannel, strings.Join(parts, ","))
		return err
	})
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
			if err := b.publish(ctx, n.Payload); err != nil && ctx.Err() == nil {
				b.Log.Error("event listener", "error", err)
			}
		}
	}
}

// publish loads the events named in a payload and hands them to the hub.
func (b *Bus) publish(ctx context.Context, payload string) error {
	var alertIDs, customerIDs []string
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
// in three queries whatever the batch size.
func LoadEvents(ctx context.Context, idb bun.IDB, alertIDs, customerIDs []string) ([]alert.Event, error) {
	var alerts []*retain.Alert
	if len(alertIDs) > 0 {
		if err := idb.NewSelect().Model(&alerts).Where("id IN (?)", bun.In(alertIDs)).Order("created_at", "id").Scan(ctx); err != nil {
			return nil, err
		}
	}
	var customers []*retain.Customer
	if len(customerIDs) > 0 {
		if err := idb.NewSelect().Model(&customers).ModelTableExpr("customers AS c").ColumnExpr("c.*").
			Where("c.id IN (?) AND c.archived_at IS NULL", bun.In(customerIDs)).Scan(ctx); err != nil {
			return nil, err
		}
	}
	ids := append([]string(nil), customerIDs...)
	for _, a := range alerts {
		ids = append(ids, a.CustomerID)
	}
	owners := map[string]retain.Ownership{}
	if len(ids) > 0 {
		var rows []ownershipRow
		if err := idb.NewSelect().TableExpr("customers AS c").
			Join("JOIN users AS ou ON ou.id = c.owner_id").Join("LEFT JOIN users AS bu ON bu.id = c.backup_owner_id").
			ColumnExpr("c.id, c.workspace_id, c.owner_id, ou.manager_id AS owner_manager_id, c.backup_owner_id, bu.manager_id AS backup_manager_id").
			Where("c.id IN (?) AND c.archived_at IS NULL", bun.In(ids)).Scan(ctx, &rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			owners[r.ID] = retain.Ownership{WorkspaceID: r.WorkspaceID, Customer: r.ID, OwnerID: r.OwnerID,
				OwnerManagerID: str(r.OwnerManagerID), BackupID: str(r.BackupOwnerID), BackupManagerID: str(r.BackupManagerID)}
		}
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

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
