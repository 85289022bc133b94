package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// MeasureService implements retain.MeasureService.
type MeasureService struct{ DB *DB }

var _ retain.MeasureService = (*MeasureService)(nil)

// measuresSQL aggregates per owner over the customers the actor may see
// (the visibility condition is ?2).
const measuresSQL = `
WITH vis AS (
  SELECT c.id, c.owner_id, c.last_contact_at, c.created_at, rt.contact_cadence_days
  FROM customers c JOIN relationship_types rt ON rt.id = c.relationship_type_id
  WHERE c.workspace_id = ?0 AND c.archived_at IS NULL AND ?2
), cust AS (
  SELECT owner_id AS user_id, count(*) AS customers,
    count(*) FILTER (WHERE coalesce(last_contact_at, created_at) + make_interval(days => contact_cadence_days) >= ?1::timestamptz) AS within_cadence
  FROM vis GROUP BY owner_id
), comp AS (
  SELECT k.owner_id AS user_id, count(*) AS complaints,
    count(*) FILTER (WHERE k.acknowledged_at IS NOT NULL AND k.acknowledged_at <= k.response_due_at) AS answered_in_time
  FROM complaints k WHERE k.customer_id IN (SELECT id FROM vis) AND k.opened_at >= ?3 AND k.opened_at < ?4
  GROUP BY k.owner_id
), prom AS (
  SELECT p.owner_id AS user_id, count(*) AS promises_due,
    count(*) FILTER (WHERE p.status = 'KEPT') AS kept,
    count(*) FILTER (WHERE p.status = 'BROKEN' OR (p.status = 'OPEN' AND p.due_at < ?1::timestamptz)) AS broken
  FROM promises p WHERE p.customer_id IN (SELECT id FROM vis) AND p.due_at >= ?3 AND p.due_at < ?4
  GROUP BY p.owner_id
)
SELECT u.id AS user_id, coalesce(cust.customers, 0) AS customers, coalesce(cust.within_cadence, 0) AS within_cadence,
  coalesce(comp.complaints, 0) AS complaints, coalesce(comp.answered_in_time, 0) AS answered_in_time,
  coalesce(prom.promises_due, 0) AS promises_due, coalesce(prom.kept, 0) AS kept, coalesce(prom.broken, 0) AS broken
FROM users u
LEFT JOIN cust ON cust.user_id = u.id LEFT JOIN comp ON comp.user_id = u.id LEFT JOIN prom ON prom.user_id = u.id
WHERE u.workspace_id = ?0 AND (cust.user_id IS NOT NULL OR comp.user_id IS NOT NULL OR prom.user_id IS NOT NULL)
ORDER BY u.name, u.id`

// ProcessMeasures computes the disciplines kept per owner in [from, to).
func (s *MeasureService) ProcessMeasures(ctx context.Context, from, to time.Time) ([]*retain.ProcessMeasure, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if !from.Before(to) || to.Sub(from) > 10*366*24*time.Hour {
		return nil, retain.Invalid("to", "the period must be positive and at most 10 years")
	}
	var out []*retain.ProcessMeasure
	err = s.DB.NewRaw(measuresSQL, a.WorkspaceID, s.DB.now(), bun.Safe(visibilitySQL(a, "c")), from, to).Scan(ctx, &out)
	return out, translate(err)
}
