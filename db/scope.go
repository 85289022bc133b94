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
	who := v.TeamOf + v.Member
	// Ids come from a verified token and are UUIDs, but they are still
	// quoted rather than concatenated raw.
	return visibilityRule(v, alias, quote(a.WorkspaceID), quote(who))
}

// visibilityParams is the rule as a prepared statement's text: ws and who
// are its placeholders for the workspace and for the member or team lead,
// and args the values to pass (who only when the rule uses it).
func visibilityParams(a *retain.Actor, alias, ws, who string) (rule string, args []any) {
	v := retain.VisibilityOf(a)
	id := v.TeamOf + v.Member
	switch {
	case v.All:
		return "TRUE", []any{a.WorkspaceID}
	case !retain.ValidID(id):
		return "FALSE", []any{a.WorkspaceID}
	}
	return visibilityRule(v, alias, ws, who), []any{a.WorkspaceID, id}
}

// visibilityRule renders the ownership rule with ws and who standing for
// the workspace and for the team lead or member as SQL expressions.
func visibilityRule(v retain.Visibility, alias, ws, who string) string {
	switch {
	case v.All:
		return "TRUE"
	case v.TeamOf != "":
		team := "(SELECT u.id FROM users u WHERE u.workspace_id = " + ws + " AND (u.id = " + who + " OR u.manager_id = " + who + "))"
		return "(" + alias + ".owner_id IN " + team + " OR " + alias + ".backup_owner_id IN " + team + ")"
	default:
		return "(" + alias + ".owner_id = " + who + " OR " + alias + ".backup_owner_id = " + who + ")"
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
