package risk

import (
	"testing"
	"time"
)

// now is the fixed clock for all tests.
var now = time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time { return now.Add(-time.Duration(d * float64(24*time.Hour))) }

func ptr[T any](v T) *T { return &v }

// contacted returns signals for a customer contacted d days ago with a
// cadence, and nothing else wrong.
func contacted(d float64, cadence int) Signals {
	return Signals{LastContactAt: ptr(daysAgo(d)), CreatedAt: daysAgo(400), ContactCadenceDays: cadence}
}

// quiet returns signals that trigger nothing: contacted today, weekly cadence.
func quiet() Signals { return contacted(0, 7) }

func sentiments(scores ...int) []Sentiment {
	out := make([]Sentiment, len(scores))
	for i, s := range scores {
		out[i] = Sentiment{Score: s, At: daysAgo(float64(i + 1))}
	}
	return out
}

func findFactor(a Assessment, key string) (Factor, bool) {
	for _, f := range a.Factors {
		if f.Key == key {
			return f, true
		}
	}
	return Factor{}, false
}

// richSignals fires every signal; used by the golden files and cap tests.
func richSignals() Signals {
	return Signals{
		LastContactAt:      ptr(daysAgo(20)),
		CreatedAt:          daysAgo(700),
		ContactCadenceDays: 7,
		OpenComplaints: []Complaint{
			{Severity: SeverityHigh, OpenedAt: daysAgo(10), ResponseDueAt: daysAgo(9)},
			{Severity: SeverityMedium, OpenedAt: daysAgo(2), ResponseDueAt: daysAgo(1), RespondedAt: ptr(daysAgo(0.5))},
		},
		OverduePromises:         1,
		BrokenPromises90d:       1,
		Sentiments:              sentiments(-1, -2, -1, 1, 0, 1),
		OrderValueLast90:        54000,
		OrderValuePrev90:        120000,
		ReturnRate:              0.12,
		CompetitorMentions90d:   2,
		OwnerDeparted:           true,
		KeyAccount:              true,
		HasBackupOwner:          false,
		OverdueRemediationSteps: 1,
	}
}

func mustValid(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}
