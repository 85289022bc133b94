package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// FindCustomersByIDs returns the visible customers among ids, for batching
// nested customer fields; ids the actor may not see are simply absent.
func (s *CustomerService) FindCustomersByIDs(ctx context.Context, ids []string) (map[string]*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var rows []*retain.Customer
	q := visibleCustomers(s.DB.NewSelect().Model(&rows).ModelTableExpr("customers AS c").ColumnExpr("c.*"), a, true).
		Where("c.id IN (?)", bun.In(ids))
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make(map[string]*retain.Customer, len(rows))
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}
