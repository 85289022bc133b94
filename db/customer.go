package db

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// CustomerService implements retain.CustomerService.
type CustomerService struct{ DB *DB }

var _ retain.CustomerService = (*CustomerService)(nil)

// FindCustomer returns a visible customer.
func (s *CustomerService) FindCustomer(ctx context.Context, id string) (*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	return findCustomer(ctx, s.DB, a, id, false)
}

// findCustomer loads one visible customer, optionally locking it for update.
func findCustomer(ctx context.Context, idb bun.IDB, a *retain.Actor, id string, lock bool) (*retain.Customer, error) {
	if !retain.ValidID(id) {
		return nil, retain.NotFound("customer")
	}
	c := new(retain.Customer)
	q := visibleCustomers(idb.NewSelect().Model(c).ModelTableExpr("customers AS c").ColumnExpr("c.*").Where("c.id = ?", id), a, false)
	if lock {
		q = q.For("UPDATE OF c")
	}
	if err := q.Scan(ctx); err != nil {
		if err := translate(err); retain.ErrorCode(err) == retain.ENOTFOUND {
			return nil, retain.NotFound("customer")
		}
		return nil, err
	}
	return c, nil
}

// sortKey describes one sort order: its SQL expression, direction and how a
// cursor value is parsed back.
type sortKey struct {
	expr string
	// column is the column the cursor value is read from.
	column string
	desc   bool
	// value reads the sort value of a row for its cursor.
	value func(c *retain.Customer) string
}

var sortKeys = map[retain.CustomerOrder]sortKey{
	retain.OrderRiskDesc: {"c.risk_score", "risk_score", true, func(c *retain.Customer) string { return strconv.Itoa(c.RiskScore) }},
	retain.OrderNameAsc:  {"c.name", "name", false, func(c *retain.Customer) string { return c.Name }},
	retain.OrderUpdatedDesc: {"c.updated_at", "updated_at", true, func(c *retain.Customer) string {
		return c.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}},
	retain.OrderCreatedDesc: {"c.created_at", "created_at", true, func(c *retain.Customer) string {
		return c.CreatedAt.UTC().Format(time.RFC3339Nano)
	}},
	retain.OrderLastContactAsc: {"coalesce(c.last_contact_at, '-infinity'::timestamptz)", "last_contact_at", false, func(c *retain.Customer) string {
		if c.LastContactAt == nil {
			return "-infinity"
		}
		return c.LastContactAt.UTC().Format(time.RFC3339Nano)
	}},
}

type cursor struct {
	Order retain.CustomerOrder `json:"o"`
	Value string               `json:"v"`
	ID    string               `json:"i"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, order retain.CustomerOrder) (*cursor, error) {
	bad := retain.Invalid("after", "after is not a cursor of this list")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) > 1024 {
		return nil, bad
	}
	var c cursor
	if json.Unmarshal(b, &c) != nil || c.Order != order || !retain.ValidID(c.ID) {
		return nil, bad
	}
	return &c, nil
}

// cursorValue parses a cursor's sort value into the type its column compares with.
func cursorValue(order retain.CustomerOrder, v string) (any, error) {
	bad := retain.Invalid("after", "after is not a cursor of this list")
	switch order {
	case retain.OrderRiskDesc:
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, bad
		}
		return n, nil
	case retain.OrderNameAsc:
		return v, nil
	case retain.OrderLastContactAsc:
		if v == "-infinity" {
			return bun.Safe("'-infinity'::timestamptz"), nil
		}
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return nil, bad
	}
	return t, nil
}

func validateFilter(f *retain.CustomerFilter) error {
	var err error
	if f.Search, err = retain.CheckText("filter.search", f.Search, 0, 100); err != nil {
		return err
	}
	if f.Tag, err = retain.CheckText("filter.tag", f.Tag, 0, 40); err != nil {
		return err
	}
	for _, list := range []struct {
		field string
		ids   []string
	}{{"filter.ownerIds", f.OwnerIDs}, {"filter.relationshipTypeIds", f.RelationshipTypeIDs}} {
		if len(list.ids) > 100 {
			return retain.Invalid(list.field, "at most 100 ids")
		}
		for _, id := range list.ids {
			if _, err := retain.CheckID(list.field, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// likePattern escapes LIKE wildcards so a search for "50%" finds "50%".
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

func applyCustomerFilter(q *bun.SelectQuery, f retain.CustomerFilter) *bun.SelectQuery {
	if len(f.Stages) > 0 {
		q = q.Where("c.stage IN (?)", bun.In(f.Stages))
	}
	if len(f.Tiers) > 0 {
		q = q.Where("c.tier IN (?)", bun.In(f.Tiers))
	}
	if len(f.RiskLevels) > 0 {
		q = q.Where("c.risk_level IN (?)", bun.In(f.RiskLevels))
	}
	if len(f.OwnerIDs) > 0 {
		q = q.Where("c.owner_id IN (?)", bun.In(f.OwnerIDs))
	}
	if len(f.RelationshipTypeIDs) > 0 {
		q = q.Where("c.relationship_type_id IN (?)", bun.In(f.RelationshipTypeIDs))
	}
	if f.Tag != "" {
		q = q.Where("c.tags @> ARRAY[?]::text[]", f.Tag)
	}
	if f.OwnerDeparted != nil {
		q = q.Where("c.owner_departed = ?", *f.OwnerDeparted)
	}
	return q
}

// checkAssignee verifies a user may own or back up customers: an active,
// non-viewer user of the workspace.
func checkAssignee(ctx context.Context, idb bun.IDB, a *retain.Actor, field, userID string) error {
	var role string
	err := idb.NewSelect().TableExpr("users").Column("role").
		Where("workspace_id = ? AND id = ? AND active", a.WorkspaceID, userID).Scan(ctx, &role)
	if err != nil || role == string(retain.RoleViewer) {
		return retain.Invalid(field, "no active user who can own customers has this id")
	}
	return nil
}

func checkRelationshipType(ctx context.Context, idb bun.IDB, a *retain.Actor, field, id string) error {
	ok, err := idb.NewSelect().TableExpr("relationship_types").
		Where("workspace_id = ? AND id = ?", a.WorkspaceID, id).Exists(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return retain.Invalid(field, "no relationship type has this id")
	}
	return nil
}

// CreateCustomer validates and stores a new customer.
func (s *CustomerService) CreateCustomer(ctx context.Context, in retain.CustomerInput) (*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionWriteCustomers)
	if err != nil {
		return nil, err
	}
	var out *retain.Customer
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		out, err = s.createInTx(ctx, tx, a, in)
		return err
	})
	return out, err
}

// createInTx validates and inserts a customer inside the caller's transaction.
func (s *CustomerService) createInTx(ctx context.Context, tx bun.Tx, a *retain.Actor, in retain.CustomerInput) (*retain.Customer, error) {
	if in.OwnerID == "" && a.UserID != "" {
		in.OwnerID = a.UserID
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	// An agent may only create customers in their own book.
	if v := retain.VisibilityOf(a); v.Member != "" && in.OwnerID != a.UserID && (in.BackupOwnerID == nil || *in.BackupOwnerID != a.UserID) {
		return nil, retain.Invalid("input.ownerId", "agents create customers they own or back up")
	}
	now := s.DB.now()
	c := &retain.Customer{
		ID: NewID(), WorkspaceID: a.WorkspaceID, ExternalID: in.ExternalID, Name: in.Name, Company: in.Company,
		Email: in.Email, Phone: in.Phone, City: in.City, Industry: in.Industry, Stage: in.Stage, Tier: in.Tier,
		Potential: in.Potential, OwnerID: in.OwnerID, BackupOwnerID: in.BackupOwnerID,
		RelationshipTypeID: in.RelationshipTypeID, ReferredByID: in.ReferredByID, Tags: in.Tags,
		Details: in.Details, Preferences: in.Preferences, AnnualRevenue: in.AnnualRevenue,
		AcquisitionCost: in.AcquisitionCost, RiskLevel: retain.RiskHealthy, AlertedLevel: retain.RiskHealthy, RiskFactors: []retain.RiskFactor{},
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.checkReferences(ctx, tx, a, c); err != nil {
		return nil, err
	}
	if _, err := tx.NewInsert().Model(c).Exec(ctx); err != nil {
		return nil, err
	}
	if err := recordStageChange(ctx, tx, s.DB, a, c.ID, nil, c.Stage, "created", nil); err != nil {
		return nil, err
	}
	if err := s.DB.audit(ctx, tx, a, "customer.create", "customer", c.ID, nil, c); err != nil {
		return nil, err
	}
	return c, rescoreInto(ctx, tx, s.DB, c)
}

func (s *CustomerService) checkReferences(ctx context.Context, idb bun.IDB, a *retain.Actor, c *retain.Customer) error {
	if err := checkAssignee(ctx, idb, a, "input.ownerId", c.OwnerID); err != nil {
		return err
	}
	if c.BackupOwnerID != nil {
		if err := checkAssignee(ctx, idb, a, "input.backupOwnerId", *c.BackupOwnerID); err != nil {
			return err
		}
	}
	if err := checkRelationshipType(ctx, idb, a, "input.relationshipTypeId", c.RelationshipTypeID); err != nil {
		return err
	}
	if c.ReferredByID != nil {
		if _, err := findCustomer(ctx, idb, a, *c.ReferredByID, false); err != nil {
			return retain.Invalid("input.referredById", "no customer has this id")
		}
	}
	return nil
}

// UpdateCustomer applies a patch if the version matches.
func (s *CustomerService) UpdateCustomer(ctx context.Context, id string, p retain.CustomerPatch) (*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionWriteCustomers)
	if err != nil {
		return nil, err
	}
	var out *retain.Customer
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := findCustomer(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		out, err = s.updateInTx(ctx, tx, a, c, p)
		return err
	})
	return out, err
}

// updateInTx applies a patch to a customer locked by the caller.
func (s *CustomerService) updateInTx(ctx context.Context, tx bun.Tx, a *retain.Actor, c *retain.Customer, p retain.CustomerPatch) (*retain.Customer, error) {
	if c.Version != p.Version {
		return nil, retain.Conflict("customer")
	}
	before := *c
	if err := p.Apply(c); err != nil {
		return nil, err
	}
	if p.RelationshipTypeID != nil {
		if err := checkRelationshipType(ctx, tx, a, "input.relationshipTypeId", c.RelationshipTypeID); err != nil {
			return nil, err
		}
	}
	c.Version++
	c.UpdatedAt = s.DB.now()
	if _, err := tx.NewUpdate().Model(c).WherePK().
		ExcludeColumn("id", "workspace_id", "created_at", "risk_score", "risk_level", "risk_factors", "risk_updated_at", "alerted_level", "last_contact_at", "owner_id", "backup_owner_id", "stage", "owner_departed", "archived_at").
		Exec(ctx); err != nil {
		return nil, err
	}
	if err := s.DB.audit(ctx, tx, a, "customer.update", "customer", c.ID, before, c); err != nil {
		return nil, err
	}
	if p.RelationshipTypeID != nil || p.Tier != nil {
		// The contract and key-account status feed the risk score.
		return c, rescoreInto(ctx, tx, s.DB, c)
	}
	return c, nil
}

// ArchiveCustomer soft-deletes a customer.
func (s *CustomerService) ArchiveCustomer(ctx context.Context, id string, version int) (*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionWriteCustomers)
	if err != nil {
		return nil, err
	}
	var out *retain.Customer
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := findCustomer(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if c.Version != version {
			return retain.Conflict("customer")
		}
		now := s.DB.now()
		c.ArchivedAt, c.UpdatedAt = &now, now
		c.Version++
		if _, err := tx.NewUpdate().TableExpr("customers").
			Set("archived_at = ?, updated_at = ?, version = ?", now, now, c.Version).
			Where("id = ?", c.ID).Exec(ctx); err != nil {
			return err
		}
		out = c
		return s.DB.audit(ctx, tx, a, "customer.archive", "customer", c.ID, nil, map[string]any{"archivedAt": now})
	})
	return out, err
}

// ReassignCustomers moves visible customers to a new owner (and backup owner).
func (s *CustomerService) ReassignCustomers(ctx context.Context, ids []string, ownerID string, backupOwnerID *string) ([]*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionReassignCustomers)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 || len(ids) > 1000 {
		return nil, retain.Invalid("ids", "reassign between 1 and 1000 customers at a time")
	}
	if _, err := retain.CheckID("ownerId", ownerID); err != nil {
		return nil, err
	}
	if backupOwnerID != nil && *backupOwnerID == ownerID {
		return nil, retain.Invalid("backupOwnerId", "the backup owner must differ from the owner")
	}
	var out []*retain.Customer
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := checkAssignee(ctx, tx, a, "ownerId", ownerID); err != nil {
			return err
		}
		if backupOwnerID != nil {
			if err := checkAssignee(ctx, tx, a, "backupOwnerId", *backupOwnerID); err != nil {
				return err
			}
		}
		// A manager may only hand customers to their own team.
		if v := retain.VisibilityOf(a); v.TeamOf != "" {
			for i, uid := range append([]string{ownerID}, derefAll(backupOwnerID)...) {
				ok, err := tx.NewSelect().TableExpr("users").
					Where("workspace_id = ? AND id = ? AND (id = ? OR manager_id = ?)", a.WorkspaceID, uid, v.TeamOf, v.TeamOf).Exists(ctx)
				if err != nil {
					return err
				}
				if !ok {
					// Name the argument actually at fault.
					field := "ownerId"
					if i > 0 {
						field = "backupOwnerId"
					}
					return retain.Invalid(field, "managers reassign within their own team")
				}
			}
		}
		seen := make(map[string]bool, len(ids))
		for i, id := range ids {
			// A repeated id would bump the version twice and return a stale copy.
			if seen[id] {
				continue
			}
			seen[id] = true
			c, err := findCustomer(ctx, tx, a, id, true)
			if err != nil {
				return &retain.Error{Code: retain.ENOTFOUND, Field: "ids." + strconv.Itoa(i), Message: "customer not found"}
			}
			before := map[string]any{"ownerId": c.OwnerID, "backupOwnerId": c.BackupOwnerID}
			c.OwnerID = ownerID
			if backupOwnerID != nil {
				c.BackupOwnerID = backupOwnerID
			}
			if c.BackupOwnerID != nil && *c.BackupOwnerID == c.OwnerID {
				c.BackupOwnerID = nil
			}
			c.OwnerDeparted = false
			c.Version++
			c.UpdatedAt = s.DB.now()
			if _, err := tx.NewUpdate().TableExpr("customers").
				Set("owner_id = ?, backup_owner_id = ?, owner_departed = false, version = ?, updated_at = ?", c.OwnerID, c.BackupOwnerID, c.Version, c.UpdatedAt).
				Where("id = ?", c.ID).Exec(ctx); err != nil {
				return err
			}
			if err := s.DB.audit(ctx, tx, a, "customer.reassign", "customer", c.ID, before,
				map[string]any{"ownerId": c.OwnerID, "backupOwnerId": c.BackupOwnerID}); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func derefAll(p *string) []string {
	if p == nil {
		return nil
	}
	return []string{*p}
}

// CountOpenComplaints counts open complaints per customer in one query.
func (s *CustomerService) CountOpenComplaints(ctx context.Context, customerIDs []string) (map[string]int, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		CustomerID string
		N          int
	}
	err = s.DB.NewSelect().TableExpr("complaints AS k").ColumnExpr("k.customer_id, count(*) AS n").
		Where("k.workspace_id = ?", a.WorkspaceID).
		Where("k.customer_id IN (?)", bun.In(customerIDs)).
		Where("k.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')").
		Group("k.customer_id").Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.CustomerID] = r.N
	}
	return out, nil
}
