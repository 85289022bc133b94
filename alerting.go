package retain

import (
	"context"
	"time"
)

// AlertFilter narrows the alert list.
type AlertFilter struct {
	Statuses   []AlertStatus
	Kinds      []AlertKind
	CustomerID *string
	// Since keeps alerts created after this instant: a reconnecting client
	// passes the time of the last alert it saw to catch up.
	Since *time.Time
}

// RiskPoint is one entry of a customer's score history.
type RiskPoint struct {
	Score int       `bun:""`
	Level RiskLevel `bun:""`
	At    time.Time `bun:""`
}

// AlertService lists and handles alerts.
type AlertService interface {
	// FindAlerts lists alerts on visible customers, newest first.
	FindAlerts(ctx context.Context, f AlertFilter, p Page) ([]*Alert, []string, bool, error)
	// AcknowledgeAlert marks an open alert seen.
	AcknowledgeAlert(ctx context.Context, id string) (*Alert, error)
	// ResolveAlert closes an alert.
	ResolveAlert(ctx context.Context, id string) (*Alert, error)
	// RiskHistory returns a visible customer's score history, oldest first, since a time.
	RiskHistory(ctx context.Context, customerID string, since time.Time) ([]*RiskPoint, error)
}

// Sweeper rescores customers whose risk time alone may have changed.
type Sweeper interface {
	// Sweep rescores every live customer of every workspace and returns how
	// many scores changed.
	Sweep(ctx context.Context) (scanned, changed int, err error)
}
