package db

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// ValueService implements retain.ValueService.
type ValueService struct{ DB *DB }

var _ retain.ValueService = (*ValueService)(nil)

// RecordOrder stores an order or return and rescores the customer, whose
// order trend and return rate may have moved.
func (s *ValueService) RecordOrder(ctx context.Context, in retain.OrderInput) (*retain.Order, error) {
	a, err := actorFor(ctx, retain.ActionWriteOrders)
	if err != nil {
		return nil, err
	}
	var out *retain.Order
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = recordOrder(ctx, tx, s.DB, a, in)
		return err
	})
	return out, err
}

func recordOrder(ctx context.Context, tx bun.Tx, db *DB, a *retain.Actor, in retain.OrderInput) (*retain.Order, error) {
	now := db.now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	c, err := findCustomer(ctx, tx, a, in.CustomerID, true)
	if err != nil {
		return nil, err
	}
	o := &retain.Order{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, ExternalID: in.ExternalID, Kind: in.Kind,
		Amount: in.Amount, Cost: in.Cost, Discount: in.Discount, OrderedAt: in.OrderedAt.UTC().Truncate(time.Microsecond), CreatedAt: now}
	if _, err := tx.NewInsert().Model(o).Exec(ctx); err != nil {
		return nil, err
	}
	if err := db.audit(ctx, tx, a, "order.record", "order", o.ID, nil, o); err != nil {
		return nil, err
	}
	return o, rescoreOne(ctx, tx, db, a.WorkspaceID, c.ID)
}

// FindOrders lists a visible customer's orders, newest first.
func (s *ValueService) FindOrders(ctx context.Context, customerID string, p retain.Page) ([]*retain.Order, []string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, nil, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, nil, false, err
	}
	if _, err := findCustomer(ctx, s.DB, a, customerID, false); err != nil {
		return nil, nil, false, err
	}
	var rows []*retain.Order
	q := s.DB.NewSelect().Model(&rows).Where("customer_id = ?", customerID)
	cursors, hasNext, err := newestFirst(ctx, q, &rows, p, "ordered_at", "id",
		func(o *retain.Order) timeCursor { return timeCursor{At: o.OrderedAt, ID: o.ID} })
	return rows, cursors, hasNext, err
}

// profitSQL computes trailing-12-month economics per customer for the
// customers selected by the condition appended at ?cond.
const profitSQL = `
SELECT c.id AS customer_id, c.tier,
  coalesce(o.revenue, 0) AS revenue, coalesce(o.returns, 0) AS returns,
  coalesce(o.margin, 0) AS gross_margin, coalesce(o.discounts, 0) AS discounts,
  coalesce(i.minutes, 0) / 60.0 AS service_hours, coalesce(i.gifts, 0) AS gifts,
  coalesce(st.compensation, 0) AS compensation
FROM customers c
LEFT JOIN LATERAL (
  SELECT sum(x.amount) FILTER (WHERE x.kind = 'ORDER') AS revenue, sum(x.amount) FILTER (WHERE x.kind = 'RETURN') AS returns,
    sum(CASE WHEN x.kind = 'ORDER' THEN x.amount - x.cost ELSE x.cost - x.amount END) AS margin, sum(x.discount) AS discounts
  FROM orders x WHERE x.customer_id = c.id AND x.ordered_at > ?0::timestamptz - interval '365 days' AND x.ordered_at <= ?0
) o ON true
LEFT JOIN LATERAL (
  SELECT sum(x.duration_minutes) AS minutes, sum(x.gift_value) AS gifts
  FROM interactions x WHERE x.customer_id = c.id AND x.occurred_at > ?0::timestamptz - interval '365 days' AND x.occurred_at <= ?0
) i ON true
LEFT JOIN LATERAL (
  SELECT sum(x.cost) AS compensation FROM remediation_steps x
  WHERE x.customer_id = c.id AND x.created_at > ?0::timestamptz - interval '365 days'
) st ON true
WHERE c.workspace_id = ?1 AND c.archived_at IS NULL AND ?2`

type profitRow struct {
	CustomerID   string
	Tier         retain.Tier
	Revenue      float64
	Returns      float64
	GrossMargin  float64
	Discounts    float64
	ServiceHours float64
	Gifts        float64
	Compensation float64
}

func (r *profitRow) profit() *retain.Profit {
	p := &retain.Profit{CustomerID: r.CustomerID, Revenue: r.Revenue, Returns: r.Returns, GrossMargin: r.GrossMargin,
		Compensation: r.Compensation + r.Gifts, Discounts: r.Discounts, ServiceHours: r.ServiceHours}
	p.CostToServe = p.Compensation + p.Discounts + p.ServiceHours*retain.ServiceHourCost
	p.Profit = round2(p.GrossMargin - p.CostToServe)
	p.CostToServe = round2(p.CostToServe)
	if r.Revenue > 0 {
		p.ReturnRate = math.Round(r.Returns/r.Revenue*10000) / 10000
	}
	return p
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (s *ValueService) profits(ctx context.Context, a *retain.Actor, ids []string) ([]profitRow, error) {
	cond := bun.Safe(visibilitySQL(a, "c"))
	var rows []profitRow
	q := profitSQL
	args := []any{s.DB.now(), a.WorkspaceID, cond}
	if ids != nil {
		q += " AND c.id IN (?3)"
		args = append(args, bun.In(ids))
	}
	if err := s.DB.NewRaw(q, args...).Scan(ctx, &rows); err != nil {
		return nil, translate(err)
	}
	return rows, nil
}

// ProfitOf computes the economics of visible customers.
func (s *ValueService) ProfitOf(ctx context.Context, customerIDs []string) (map[string]*retain.Profit, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	rows, err := s.profits(ctx, a, customerIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*retain.Profit, len(rows))
	for i := range rows {
		out[rows[i].CustomerID] = rows[i].profit()
	}
	return out, nil
}

// ProfitOverview builds the Pareto curve, tier comparison and negative count
// over every visible customer.
func (s *ValueService) ProfitOverview(ctx context.Context) (*retain.ProfitOverview, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	rows, err := s.profits(ctx, a, nil)
	if err != nil {
		return nil, err
	}
	ps := make([]*retain.Profit, len(rows))
	tiers := map[retain.Tier]*retain.TierProfit{}
	for _, t := range retain.Tiers {
		tiers[t] = &retain.TierProfit{Tier: t}
	}
	ov := &retain.ProfitOverview{Customers: len(rows)}
	for i := range rows {
		ps[i] = rows[i].profit()
		tp := tiers[rows[i].Tier]
		tp.Customers++
		tp.Revenue += ps[i].Revenue
		tp.Profit += ps[i].Profit
		if ps[i].Profit < 0 {
			tp.NegativeProfit++
			ov.NegativeCount++
		}
	}
	for _, t := range retain.Tiers {
		tp := tiers[t]
		tp.Revenue, tp.Profit = round2(tp.Revenue), round2(tp.Profit)
		ov.Tiers = append(ov.Tiers, *tp)
	}
	ov.Pareto, ov.TopShare = pareto(ps)
	return ov, nil
}

// pareto returns the cumulative share of total profit against the share of
// customers (best first) at every 5 %, and the top 20 %'s share.
func pareto(ps []*retain.Profit) ([]retain.ParetoPoint, float64) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].Profit > ps[j].Profit })
	total := 0.0
	for _, p := range ps {
		total += p.Profit
	}
	points := []retain.ParetoPoint{{CustomerShare: 0, ProfitShare: 0}}
	if len(ps) == 0 || total == 0 {
		return points, 0
	}
	cum, next, top := 0.0, 1, 0.0
	for i, p := range ps {
		cum += p.Profit
		for next <= 20 && float64(i+1) >= float64(len(ps))*float64(next)/20 {
			share := math.Round(cum/total*10000) / 10000
			points = append(points, retain.ParetoPoint{CustomerShare: float64(next) / 20, ProfitShare: share})
			if next == 4 {
				top = share
			}
			next++
		}
	}
	return points, top
}

// NegativeProfitCustomers lists visible customers who cost more than they bring.
func (s *ValueService) NegativeProfitCustomers(ctx context.Context, limit int) ([]*retain.Profit, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if limit < 1 || limit > retain.MaxPageSize {
		return nil, retain.Invalid("first", "first must be between 1 and %d", retain.MaxPageSize)
	}
	rows, err := s.profits(ctx, a, nil)
	if err != nil {
		return nil, err
	}
	var out []*retain.Profit
	for i := range rows {
		if p := rows[i].profit(); p.Profit < 0 {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Profit < out[j].Profit })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
