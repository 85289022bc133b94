package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/retain-crm/retain"
)

// customerListFields reads which parts of each listed customer the
// operation selects under `edges { node { … } }`, so the list reads only
// those columns and fetches the nested ones with the page instead of
// through a dataloader batch per field.
func customerListFields(ctx context.Context) retain.CustomerFields {
	op := graphql.GetOperationContext(ctx)
	var want retain.CustomerFields
	all := false
	for _, edges := range graphql.CollectFieldsCtx(ctx, nil) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(op, edges.Selections, nil) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(op, node.Selections, []string{"Customer"}) {
				goName, known := customerGoField(f.Name)
				all = all || !known
				if goName != "" {
					want.Fields = append(want.Fields, goName)
				}
				switch f.Name {
				case "owner", "backupOwner":
					want.Owners = true
				case "relationshipType":
					want.RelationshipTypes = true
				case "openComplaintCount":
					want.OpenComplaintCounts = true
				}
			}
		}
	}
	if all {
		want.Fields = nil
	}
	return want
}

// customerGoField names the retain.Customer field a selected GraphQL field
// reads ("" for none beyond the id); known is false for a field whose needs
// are not spelled out here, which makes the list read every column.
func customerGoField(name string) (goName string, known bool) {
	switch name {
	case "owner":
		return "OwnerID", true
	case "backupOwner":
		return "BackupOwnerID", true
	case "relationshipType":
		return "RelationshipTypeID", true
	case "referredBy":
		return "ReferredByID", true
	case "openComplaintCount", "__typename":
		return "", true
	}
	// Plain fields bind to the struct field of the same name, as gqlgen
	// binds them (case-insensitively: id → ID, externalId → ExternalID).
	if f, ok := reflect.TypeFor[retain.Customer]().FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, name) }); ok {
		return f.Name, true
	}
	return "", false
}

// primeCustomerPage hands what a page fetched to the operation's loaders,
// so the nested fields resolve without another query.
func primeCustomerPage(ctx context.Context, page *retain.CustomerPage) {
	if page == nil || page.Owners == nil && page.RelationshipTypes == nil && page.OpenComplaints == nil {
		return
	}
	l := loadersFor(ctx)
	for id, u := range page.Owners {
		l.users.Prime(id, u)
	}
	for id, t := range page.RelationshipTypes {
		l.relationshipTypes.Prime(id, t)
	}
	for id, n := range page.OpenComplaints {
		l.openComplaints.Prime(id, n)
	}
}
