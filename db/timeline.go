package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"github.com/retain-crm/retain"
)

// timelineSQL merges a customer's history newest first. Each branch reads
// an index on (customer_id, time), so a page costs the page, not the
// history. It runs prepared, with the visibility rule inside: $1 customer,
// $2 and $3 the cursor, $4 the limit, $5 the workspace, $6 the member or
// team lead when the rule names one (%s is the rule).
const timelineSQL = `
SELECT kind, at, id FROM (
  SELECT 'INTERACTION' AS kind, occurred_at AS at, id FROM interactions WHERE customer_id = $1
  UNION ALL SELECT 'STAGE_CHANGE', occurred_at, id FROM stage_changes WHERE customer_id = $1
  UNION ALL SELECT 'COMPLAINT', opened_at, id FROM complaints WHERE customer_id = $1
  UNION ALL SELECT 'PROMISE', created_at, id FROM promises WHERE customer_id = $1
  UNION ALL SELECT 'ALERT', created_at, id FROM alerts WHERE customer_id = $1
) t WHERE (t.at, t.id) < ($2::timestamptz, $3::uuid)
  AND EXISTS (SELECT 1 FROM customers c WHERE c.id = $1 AND c.workspace_id = $5 AND c.archived_at IS NULL AND %s)
ORDER BY t.at DESC, t.id DESC LIMIT $4`

type timelineRow struct {
	Kind retain.TimelineKind
	At   time.Time
	ID   string
}

// Timeline returns a page of a visible customer's merged history.
func (s *ActivityService) Timeline(ctx context.Context, customerID string, p retain.Page) (*retain.TimelinePage, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, err
	}
	if !retain.ValidID(customerID) {
		return nil, retain.NotFound("customer")
	}
	cur := timeCursor{At: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), ID: "ffffffff-ffff-ffff-ffff-ffffffffffff"}
	if p.After != "" {
		if err := decodeTimeCursor(p.After, &cur); err != nil {
			return nil, err
		}
	}
	rows, err := s.timelineRows(ctx, a, customerID, cur, p.First+1)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		// Nothing to show, or nothing the actor may see: only the second is an error.
		if _, err := findCustomer(ctx, s.DB, a, customerID, false); err != nil {
			return nil, err
		}
	}
	page := &retain.TimelinePage{}
	if len(rows) > p.First {
		rows, page.HasNextPage = rows[:p.First], true
	}
	ids := map[retain.TimelineKind][]string{}
	for _, r := range rows {
		ids[r.Kind] = append(ids[r.Kind], r.ID)
	}
	var (
		interactions []*retain.Interaction
		stages       []*retain.StageChange
		complaints   []*retain.Complaint
		promises     []*retain.Promise
		alerts       []*retain.Alert
	)
	// The kinds are fetched side by side on pooled connections: a page
	// usually holds four or five kinds, and one after another they were the
	// customer page's longest wait.
	g, gctx := errgroup.WithContext(ctx)
	for _, load := range []struct {
		kind  retain.TimelineKind
		model any
	}{
		{retain.TimelineInteraction, &interactions}, {retain.TimelineStageChange, &stages},
		{retain.TimelineComplaint, &complaints}, {retain.TimelinePromise, &promises}, {retain.TimelineAlert, &alerts},
	} {
		if len(ids[load.kind]) == 0 {
			continue
		}
		g.Go(func() error {
			return translate(s.DB.NewSelect().Model(load.model).Where("?TableAlias.id IN (?)", bun.In(ids[load.kind])).Scan(gctx))
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	byID := map[string]*retain.TimelineEntry{}
	for _, x := range interactions {
		byID[x.ID] = &retain.TimelineEntry{Interaction: x}
	}
	for _, x := range stages {
		byID[x.ID] = &retain.TimelineEntry{StageChange: x}
	}
	for _, x := range complaints {
		byID[x.ID] = &retain.TimelineEntry{Complaint: x}
	}
	for _, x := range promises {
		byID[x.ID] = &retain.TimelineEntry{Promise: x}
	}
	for _, x := range alerts {
		byID[x.ID] = &retain.TimelineEntry{Alert: x}
	}
	for _, r := range rows {
		e := byID[r.ID]
		if e == nil {
			continue
		}
		e.Kind, e.At, e.ID = r.Kind, r.At, r.ID
		page.Entries = append(page.Entries, e)
		page.Cursors = append(page.Cursors, encodeTimeCursor(timeCursor{At: r.At, ID: r.ID}))
	}
	return page, nil
}

// timelineRows reads one page of a visible customer's merged history.
func (s *ActivityService) timelineRows(ctx context.Context, a *retain.Actor, customerID string, cur timeCursor, limit int) ([]timelineRow, error) {
	rule, visArgs := visibilityParams(a, "c", "$5::uuid", "$6::uuid")
	stmt, err := s.DB.prepared(ctx, fmt.Sprintf(timelineSQL, rule))
	if err != nil {
		return nil, translate(err)
	}
	rs, err := stmt.QueryContext(ctx, append([]any{customerID, cur.At, cur.ID, limit}, visArgs...)...)
	if err != nil {
		return nil, translate(err)
	}
	defer rs.Close()
	var rows []timelineRow
	for rs.Next() {
		var r timelineRow
		if err := rs.Scan(&r.Kind, &r.At, &r.ID); err != nil {
			return nil, translate(err)
		}
		rows = append(rows, r)
	}
	return rows, translate(rs.Err())
}
