package graph

import (
	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/alert"
)

// Resolver holds the services the resolvers call. It has no state of its own.
type Resolver struct {
	CustomerService         retain.CustomerService
	UserService             retain.UserService
	RelationshipTypeService retain.RelationshipTypeService
	AuthService             retain.AuthService
	APITokenService         retain.APITokenService
	ActivityService         retain.ActivityService
	ComplaintService        retain.ComplaintService
	LifecycleService        retain.LifecycleService
	ValueService            retain.ValueService
	AgendaService           retain.AgendaService
	AuditService            retain.AuditService
	BatchService            retain.BatchService
	AlertService            retain.AlertService
	Live                    *alert.Live
}
