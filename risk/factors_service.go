package risk

import (
	"strings"
	"time"
)

// Service signals: complaints, promises and remediation — the things the
// company itself did or failed to do.

// staleComplaintAge is how long a complaint may stay open before it weighs
// more: a week without resolution tells the customer nobody owns it.
const staleComplaintAge = 7 * 24 * time.Hour

// staleComplaintBoost is the extra weight of a stale complaint.
const staleComplaintBoost = 1.25

// severityFraction is the share of the weight one complaint of a severity
// carries. Unknown severities count as MEDIUM: ignoring them would hide a
// complaint, treating them as CRITICAL would cry wolf.
func severityFraction(sev Severity) float64 {
	switch Severity(strings.ToUpper(string(sev))) {
	case SeverityLow:
		return 0.25
	case SeverityHigh:
		return 0.75
	case SeverityCritical:
		return 1.0
	default:
		return 0.5
	}
}

// evalOpenComplaints: each open complaint adds a share of the weight by
// severity (LOW 25 %, MEDIUM 50 %, HIGH 75 %, CRITICAL 100 %), 25 % more if it
// has been open longer than 7 days; the sum is capped at the weight. So one
// critical complaint alone maxes the signal, while four low ones add up to it.
func evalOpenComplaints(s Signals, now time.Time) evaluation {
	n := len(s.OpenComplaints)
	if n == 0 {
		return evaluation{}
	}
	var fraction float64
	serious, stale, maxSev := 0, 0, 0.0
	maxSeverity := ""
	for _, c := range s.OpenComplaints {
		f := severityFraction(c.Severity)
		if f > maxSev {
			maxSev, maxSeverity = f, strings.ToUpper(string(c.Severity))
		}
		if f >= severityFraction(SeverityHigh) {
			serious++
		}
		if now.Sub(c.OpenedAt) > staleComplaintAge {
			f *= staleComplaintBoost
			stale++
		}
		fraction += f
	}
	return evaluation{
		fraction: fraction,
		message:  countMessage(n, MsgOpenComplaintsOne, MsgOpenComplaintsOther),
		params: map[string]string{
			"count":       itoa(n),
			"serious":     itoa(serious),
			"stale":       itoa(stale),
			"maxSeverity": maxSeverity,
		},
	}
}

// evalBreachedDeadlines: open complaints that missed the response SLA — still
// unanswered after the deadline, or answered after it. Being passed around
// unanswered is a top cause of churn, so the first breach already costs 70 %
// and two or more the full weight. Complaints without a deadline are skipped.
func evalBreachedDeadlines(s Signals, now time.Time) evaluation {
	n := 0
	for _, c := range s.OpenComplaints {
		if c.ResponseDueAt.IsZero() {
			continue
		}
		if c.RespondedAt == nil && now.After(c.ResponseDueAt) ||
			c.RespondedAt != nil && c.RespondedAt.After(c.ResponseDueAt) {
			n++
		}
	}
	if n == 0 {
		return evaluation{}
	}
	return evaluation{
		fraction: stepFraction(n, 0.7, 1.0),
		message:  countMessage(n, MsgBreachedDeadlinesOne, MsgBreachedDeadlinesOther),
		params:   map[string]string{"count": itoa(n)},
	}
}

// evalBrokenPromises: overdue open promises plus promises marked broken in
// the last 90 days. A broken promise is the first cause of churn: 1 → 60 %,
// 2 → 85 %, 3 or more → the full weight.
func evalBrokenPromises(s Signals, _ time.Time) evaluation {
	overdue, broken := max(s.OverduePromises, 0), max(s.BrokenPromises90d, 0)
	n := overdue + broken
	if n == 0 {
		return evaluation{}
	}
	return evaluation{
		fraction: stepFraction(n, 0.6, 0.85, 1.0),
		message:  countMessage(n, MsgBrokenPromisesOne, MsgBrokenPromisesOther),
		params: map[string]string{
			"count":     itoa(n),
			"overdue":   itoa(overdue),
			"broken90d": itoa(broken),
		},
	}
}

// evalRemediationOverdue: remediation steps past due. A recovery that stalls
// repeats the original failure: 1 → 50 %, 2 or more → the full weight.
func evalRemediationOverdue(s Signals, _ time.Time) evaluation {
	n := s.OverdueRemediationSteps
	if n <= 0 {
		return evaluation{}
	}
	return evaluation{
		fraction: stepFraction(n, 0.5, 1.0),
		message:  countMessage(n, MsgRemediationOverdueOne, MsgRemediationOverdueOther),
		params:   map[string]string{"count": itoa(n)},
	}
}
