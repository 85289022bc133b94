package risk

// DefaultHysteresis is how many points below a threshold a score must fall
// before the level counts as left. Five points is larger than the day-to-day
// jitter of a typical score (one contact, one sentiment) yet small enough that
// a real recovery clears the alert.
const DefaultHysteresis = 5

// NextAlertState decides whether moving to score raises an alert, given the
// last level alerted for this customer and not yet cleared.
//
// An alert fires when the level rises into AT_RISK or CRITICAL. To avoid
// alert storms when a score hovers at a threshold, an alerted level counts as
// left only once the score drops hysteresis points below that level's
// threshold; until then the customer stays in the alerted state and crossing
// the threshold again is silent. Once a level is left, rising into it again
// alerts again.
//
// lastAlerted is the highest level alerted and not cleared; HEALTHY, WATCH or
// any unknown value mean "nothing alerted". newAlerted is the value to store
// for the next call: AT_RISK or CRITICAL while an alert stands, otherwise the
// score's own level (HEALTHY or WATCH). A negative hysteresis is treated as 0.
func NextAlertState(lastAlerted Level, score int, t Thresholds, hysteresis int) (newAlerted Level, raise bool) {
	if hysteresis < 0 {
		hysteresis = 0
	}
	level := t.LevelOf(score)
	last := lastAlerted
	if last.rank() < LevelAtRisk.rank() {
		last = ""
	}

	// Rising into an alerting level above the standing alert always raises.
	if level.rank() >= LevelAtRisk.rank() && level.rank() > last.rank() {
		return level, true
	}

	// Otherwise keep the highest standing alert the score has not yet left,
	// stepping down CRITICAL → AT_RISK → none as each band is cleared.
	for _, l := range []Level{LevelCritical, LevelAtRisk} {
		if last.rank() >= l.rank() && score >= t.threshold(l)-hysteresis {
			return l, false
		}
	}
	return level, false
}
