package db

import (
	"context"
	"reflect"
	"strings"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// FindCustomers lists visible customers with keyset pagination, fetching
// the parts named by want with the page: the open-complaint counts in the
// page's own statement, owners and relationship types in one statement each.
func (s *CustomerService) FindCustomers(ctx context.Context, f retain.CustomerFilter, order retain.CustomerOrder, p retain.Page, want retain.CustomerFields) (*retain.CustomerPage, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, err
	}
	if order == "" {
		order = retain.OrderRiskDesc
	}
	key, ok := sortKeys[order]
	if !ok {
		return nil, retain.Invalid("orderBy", "unknown order")
	}
	if err := validateFilter(&f); err != nil {
		return nil, err
	}
	search, err := s.narrowSearch(ctx, a, f) // db/customer_search.go
	if err != nil {
		return nil, translate(err)
	}
	filtered := func(q *bun.SelectQuery) *bun.SelectQuery {
		return search.apply(applyCustomerFilter(visibleCustomers(q, a, f.IncludeArchived), f))
	}

	var rows []*listedCustomer
	q := filtered(s.DB.NewSelect().Model(&rows).ModelTableExpr("customers AS c").ColumnExpr(s.listColumns(want, key)))
	cmp, dir := ">", "ASC"
	if key.desc {
		cmp, dir = "<", "DESC"
	}
	if p.After != "" {
		cur, err := decodeCursor(p.After, order)
		if err != nil {
			return nil, err
		}
		val, err := cursorValue(order, cur.Value)
		if err != nil {
			return nil, err
		}
		q = q.Where("("+key.expr+", c.id) "+cmp+" (?, ?::uuid)", val, cur.ID)
	}
	q = q.OrderExpr(key.expr + " " + dir).OrderExpr("c.id " + dir).Limit(p.First + 1)
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	page := &retain.CustomerPage{}
	if len(rows) > p.First {
		rows, page.HasNextPage = rows[:p.First], true
	}
	page.Customers = make([]*retain.Customer, len(rows))
	for i, r := range rows {
		page.Customers[i] = &r.Customer
		page.Cursors = append(page.Cursors, encodeCursor(cursor{Order: order, Value: key.value(&r.Customer), ID: r.ID}))
	}
	if want.OpenComplaintCounts {
		page.OpenComplaints = make(map[string]int, len(rows))
		for _, r := range rows {
			page.OpenComplaints[r.ID] = r.OpenComplaintCount
		}
	}
	if err := s.fetchRelated(ctx, a, page, want); err != nil {
		return nil, err
	}
	page.Count = func(ctx context.Context) (int, error) {
		n, err := filtered(s.DB.NewSelect().TableExpr("customers AS c")).Count(ctx)
		return n, translate(err)
	}
	return page, nil
}

// listedCustomer is a customer row of a list with what the list counted.
type listedCustomer struct {
	retain.Customer    `bun:",extend"`
	OpenComplaintCount int `bun:",scanonly"`
}

// openComplaintCountSQL counts a listed customer's open complaints through
// the partial index of open complaints.
const openComplaintCountSQL = `(SELECT count(*) FROM complaints k WHERE k.workspace_id = c.workspace_id
  AND k.customer_id = c.id AND k.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')) AS open_complaint_count`

// listColumns is the select list of a customer list: the columns of the
// fields the caller reads (all of them when it did not say, or named one
// that is not a column), the id and sort column every row needs for its
// cursor, and the open-complaint count when it is wanted.
func (s *CustomerService) listColumns(want retain.CustomerFields, key sortKey) string {
	table := s.DB.Dialect().Tables().Get(reflect.TypeFor[retain.Customer]())
	read := map[string]bool{"id": true, key.column: true}
	for _, name := range want.Fields {
		col := ""
		for _, f := range table.Fields {
			if f.GoName == name {
				col = f.Name
			}
		}
		if col == "" {
			read = nil
			break
		}
		read[col] = true
	}
	cols := make([]string, 0, len(table.Fields)+1)
	for _, f := range table.Fields {
		if want.Fields == nil || read == nil || read[f.Name] {
			cols = append(cols, "c."+f.Name)
		}
	}
	if want.OpenComplaintCounts {
		cols = append(cols, openComplaintCountSQL)
	}
	return strings.Join(cols, ", ")
}

// fetchRelated loads the owners and relationship types of a page's
// customers, each in one statement, when they are wanted and the actor may
// read them (otherwise the nested fields report the refusal themselves).
func (s *CustomerService) fetchRelated(ctx context.Context, a *retain.Actor, page *retain.CustomerPage, want retain.CustomerFields) error {
	if len(page.Customers) == 0 {
		return nil
	}
	var err error
	if want.Owners && retain.Authorize(a, retain.ActionReadUsers) == nil {
		page.Owners, err = workspaceRowsByID(ctx, s.DB, a.WorkspaceID, distinct(page.Customers, ownerIDs),
			func(u *retain.User) string { return u.ID })
		if err != nil {
			return err
		}
	}
	if want.RelationshipTypes {
		page.RelationshipTypes, err = workspaceRowsByID(ctx, s.DB, a.WorkspaceID, distinct(page.Customers, typeIDs),
			func(t *retain.RelationshipType) string { return t.ID })
	}
	return err
}

// workspaceRowsByID reads the rows of one workspace with the given ids into a map by id.
func workspaceRowsByID[T any](ctx context.Context, idb bun.IDB, workspaceID string, ids []string, id func(*T) string) (map[string]*T, error) {
	var rows []*T
	if err := idb.NewSelect().Model(&rows).Where("workspace_id = ? AND id IN (?)", workspaceID, bun.In(ids)).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make(map[string]*T, len(rows))
	for _, r := range rows {
		out[id(r)] = r
	}
	return out, nil
}

func ownerIDs(c *retain.Customer) []string {
	if c.BackupOwnerID != nil {
		return []string{c.OwnerID, *c.BackupOwnerID}
	}
	return []string{c.OwnerID}
}

func typeIDs(c *retain.Customer) []string { return []string{c.RelationshipTypeID} }

// distinct collects the ids each customer names, once each.
func distinct(cs []*retain.Customer, ids func(*retain.Customer) []string) []string {
	seen := make(map[string]bool, 8)
	var out []string
	for _, c := range cs {
		for _, id := range ids(c) {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}
