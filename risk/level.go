package risk

// Level is the coarse risk band a score falls into; it is what lists filter
// on and what alerts are raised for.
type Level string

// Risk levels, lowest first.
const (
	// LevelHealthy needs no special attention.
	LevelHealthy Level = "HEALTHY"
	// LevelWatch shows early signs worth keeping an eye on.
	LevelWatch Level = "WATCH"
	// LevelAtRisk means the customer may leave; the owner is alerted.
	LevelAtRisk Level = "AT_RISK"
	// LevelCritical means churn is likely without immediate action.
	LevelCritical Level = "CRITICAL"
)

// rank orders levels so they can be compared; unknown levels rank as healthy
// because an unrecognised stored value must never suppress an alert.
func (l Level) rank() int {
	switch l {
	case LevelWatch:
		return 1
	case LevelAtRisk:
		return 2
	case LevelCritical:
		return 3
	default:
		return 0
	}
}

// Thresholds are the lowest scores at which each level starts. They are
// configurable per workspace because teams differ in how early they want to
// be warned.
type Thresholds struct {
	// Watch is the lowest WATCH score.
	Watch int
	// AtRisk is the lowest AT_RISK score.
	AtRisk int
	// Critical is the lowest CRITICAL score.
	Critical int
}

// DefaultThresholds returns 30/60/80: a customer needs several signals, or
// one severe one, before an alert reaches anybody.
func DefaultThresholds() Thresholds {
	return Thresholds{Watch: 30, AtRisk: 60, Critical: 80}
}

// Validate checks 0 < Watch < AtRisk < Critical <= 100. Strict ordering keeps
// every level reachable; it returns a *ValidationError naming the first field
// that breaks the order.
func (t Thresholds) Validate() error {
	switch {
	case t.Watch <= 0:
		return &ValidationError{Field: "watch", Reason: "must be greater than 0"}
	case t.AtRisk <= t.Watch:
		return &ValidationError{Field: "atRisk", Reason: "must be greater than watch"}
	case t.Critical <= t.AtRisk:
		return &ValidationError{Field: "critical", Reason: "must be greater than atRisk"}
	case t.Critical > 100:
		return &ValidationError{Field: "critical", Reason: "must be at most 100"}
	}
	return nil
}

// LevelOf returns the level of score: the highest level whose threshold the
// score reaches (thresholds are inclusive).
func (t Thresholds) LevelOf(score int) Level {
	switch {
	case score >= t.Critical:
		return LevelCritical
	case score >= t.AtRisk:
		return LevelAtRisk
	case score >= t.Watch:
		return LevelWatch
	default:
		return LevelHealthy
	}
}

// threshold returns the lowest score of an alerting level.
func (t Thresholds) threshold(l Level) int {
	if l == LevelCritical {
		return t.Critical
	}
	return t.AtRisk
}
