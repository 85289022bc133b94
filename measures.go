package retain

import (
	"context"
	"time"
)

// ProcessMeasure is how well one person kept the retention disciplines in a
// period: for coaching, not blame (DOMAIN.md item 12).
type ProcessMeasure struct {
	UserID string `bun:",type:uuid"`
	// Customers is the live customers owned now; WithinCadence of them were
	// contacted within their contract's cadence.
	Customers     int `bun:""`
	WithinCadence int `bun:""`
	// Complaints opened in the period; AnsweredInTime of them were
	// acknowledged before their response deadline.
	Complaints     int `bun:""`
	AnsweredInTime int `bun:""`
	// Promises due in the period; Kept of them were kept, Broken were marked
	// broken or left open past their due date.
	PromisesDue int `bun:""`
	Kept        int `bun:""`
	Broken      int `bun:""`
}

// MeasureService computes process measures.
type MeasureService interface {
	// ProcessMeasures returns one row per owner of visible customers.
	ProcessMeasures(ctx context.Context, from, to time.Time) ([]*ProcessMeasure, error)
}
