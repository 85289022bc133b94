package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// This file turns the domain's visibility rule (retain.VisibilityOf) into
// SQL. Every query that reads or writes customer data goes through
// visibleCustomers or visibleCustomerIDs, so the rule lives in one place.

// actorFor returns the actor after checking the action is allowed.
func actorFor(ctx context.Context, action retain.Action) (*retain.Actor, error) {
	a := retain.ActorFrom(ctx)
	if err := retain.Authorize(a, action); err != nil {
		return nil, err
	}
	return a, nil
}

// visibleCustomers restricts a query over "customers AS c" to what the actor
// may see. Archived customers are excluded unless includeArchived.
func visibleCustomers(q *bun.SelectQuery, a *retain.Actor, includeArchived bool) *bun.SelectQuery {
	q = q.Where("c.workspace_id = ?", a.WorkspaceID)
	if !includeArchived {
		q = q.Where("c.archived_at IS NULL")
	}
	return q.Where("?", visibilityCondition(a, "c"))
}

// visibilityCondition is the ownership part of the rule for a customers alias.
func visibilityCondition(a *retain.Actor, alias string) bun.Safe {
	return bun.Safe(visibilitySQL(a, alias))
}

func visibilitySQL(a *retain.Actor, alias string) string {
	v := retain.VisibilityOf(a)
	switch {
	case v.All:
		return "TRUE"
	case v.TeamOf != "":
		// Ids come from a verified token and are UUIDs, but they are still
		// quoted through the dialect rather than concatenated raw.
		team := "(SELECT u.id FROM users u WHERE u.workspace_id = " + quote(a.WorkspaceID) +
			" AND (u.id = " + quote(v.TeamOf) + " OR u.manager_id = " + quote(v.TeamOf) + "))"
		return "(" + alias + ".owner_id IN " + team + " OR " + alias + ".backup_owner_id IN " + team + ")"
	default:
		return "(" + alias + ".owner_id = " + quote(v.Member) + " OR " + alias + ".backup_owner_id = " + quote(v.Member) + ")"
	}
}

func quote(id string) string {
	if !retain.ValidID(id) {
		// An actor always carries valid ids; refuse to build SQL otherwise.
		return "NULL"
	}
	return "'" + id + "'::uuid"
}

// visibleCustomerIDs is a subquery of the ids of customers the actor may see,
// for filtering child tables: WHERE x.customer_id IN (?).
func visibleCustomerIDs(idb bun.IDB, a *retain.Actor) *bun.SelectQuery {
	return visibleCustomers(idb.NewSelect().TableExpr("customers AS c").Column("c.id"), a, false)
}
