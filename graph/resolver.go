package graph

import (
	"time"

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
	WorkspaceService        retain.WorkspaceService
	MeasureService          retain.MeasureService
	Live                    *alert.Live
	// Now is the clock of derived fields (deadline breached, overdue), the
	// same clock the services use, so tests can travel in time.
	Now func() time.Time
}
