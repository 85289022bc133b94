package retain

import "time"

// AlertKind says why an alert was raised.
type AlertKind string

// Alert kinds.
const (
	AlertEnteredAtRisk     AlertKind = "ENTERED_AT_RISK"
	AlertEnteredCritical   AlertKind = "ENTERED_CRITICAL"
	AlertDeadlineBreached  AlertKind = "DEADLINE_BREACHED"
	AlertPromiseBroken     AlertKind = "PROMISE_BROKEN"
	AlertCriticalComplaint AlertKind = "CRITICAL_COMPLAINT"
	AlertOwnerDeparted     AlertKind = "OWNER_DEPARTED"
)

// AlertStatus is where an alert stands.
type AlertStatus string

// Alert statuses.
const (
	AlertOpen         AlertStatus = "OPEN"
	AlertAcknowledged AlertStatus = "ACKNOWLEDGED"
	AlertResolved     AlertStatus = "RESOLVED"
)

// Alert tells the people responsible that a customer is drifting away, with
// the reasons.
type Alert struct {
	ID             string       `bun:",pk,type:uuid"`
	WorkspaceID    string       `bun:",type:uuid"`
	CustomerID     string       `bun:",type:uuid"`
	Kind           AlertKind    `bun:""`
	ScoreBefore    int          `bun:""`
	ScoreAfter     int          `bun:""`
	LevelBefore    RiskLevel    `bun:""`
	LevelAfter     RiskLevel    `bun:""`
	Reasons        []RiskFactor `bun:",type:jsonb"`
	SubjectID      *string      `bun:",type:uuid"`
	Status         AlertStatus  `bun:""`
	AcknowledgedBy *string      `bun:",type:uuid"`
	AcknowledgedAt *time.Time   `bun:""`
	ResolvedBy     *string      `bun:",type:uuid"`
	ResolvedAt     *time.Time   `bun:""`
	CreatedAt      time.Time    `bun:""`
}
