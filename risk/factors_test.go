package risk

import (
	"maps"
	"testing"
)

// TestFactors checks each signal in isolation with default weights
// (contact 25, complaints 25, deadlines 20, promises 25, sentiment 15,
// orders 20, returns 10, competitor 15, owner 20, remediation 10).
func TestFactors(t *testing.T) {
	with := func(f func(*Signals)) Signals { s := quiet(); f(&s); return s }
	complaint := func(sev Severity, openedDaysAgo float64) Complaint {
		return Complaint{Severity: sev, OpenedAt: daysAgo(openedDaysAgo)}
	}

	tests := []struct {
		name   string
		s      Signals
		key    string
		points int // 0 = factor must be absent
		msg    MessageKey
		params map[string]string // checked when non-nil (subset)
	}{
		// contact overdue
		{"contact within cadence", contacted(7, 7), FactorContactOverdue, 0, "", nil},
		{"contact partial day not counted", contacted(7.9, 7), FactorContactOverdue, 0, "", nil},
		{"contact 1 day overdue", contacted(8, 7), FactorContactOverdue, 1, MsgContactOverdue, map[string]string{"days": "8", "cadence": "7", "overdueDays": "1"}},
		{"contact 1x cadence overdue", contacted(14, 7), FactorContactOverdue, 8, MsgContactOverdue, nil},
		{"contact 3x cadence overdue is full", contacted(28, 7), FactorContactOverdue, 25, MsgContactOverdue, nil},
		{"contact far overdue capped", contacted(365, 7), FactorContactOverdue, 25, MsgContactOverdue, nil},
		{"contact in the future", Signals{LastContactAt: ptr(daysAgo(-3)), CreatedAt: daysAgo(400), ContactCadenceDays: 7}, FactorContactOverdue, 0, "", nil},
		{"cadence 0 treated as 30", contacted(45, 0), FactorContactOverdue, 4, MsgContactOverdue, map[string]string{"days": "45", "cadence": "30"}},
		{"negative cadence treated as 30", contacted(45, -7), FactorContactOverdue, 4, MsgContactOverdue, map[string]string{"cadence": "30"}},
		{"never contacted uses CreatedAt", Signals{CreatedAt: daysAgo(60), ContactCadenceDays: 30}, FactorContactOverdue, 8, MsgNeverContacted, map[string]string{"days": "60", "cadence": "30"}},
		{"never contacted but new", Signals{CreatedAt: daysAgo(3), ContactCadenceDays: 7}, FactorContactOverdue, 0, "", nil},

		// open complaints
		{"no complaints", quiet(), FactorOpenComplaints, 0, "", nil},
		{"one low", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityLow, 1)} }), FactorOpenComplaints, 6, MsgOpenComplaintsOne, map[string]string{"count": "1", "maxSeverity": "LOW"}},
		{"one medium", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityMedium, 1)} }), FactorOpenComplaints, 13, MsgOpenComplaintsOne, nil},
		{"one high", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityHigh, 1)} }), FactorOpenComplaints, 19, MsgOpenComplaintsOne, map[string]string{"serious": "1"}},
		{"one critical is full", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityCritical, 1)} }), FactorOpenComplaints, 25, MsgOpenComplaintsOne, nil},
		{"medium exactly 7 days is not stale", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityMedium, 7)} }), FactorOpenComplaints, 13, MsgOpenComplaintsOne, map[string]string{"stale": "0"}},
		{"medium stale +25%", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityMedium, 8)} }), FactorOpenComplaints, 16, MsgOpenComplaintsOne, map[string]string{"stale": "1"}},
		{"low+medium summed", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{complaint(SeverityLow, 1), complaint(SeverityMedium, 1)}
		}), FactorOpenComplaints, 19, MsgOpenComplaintsOther, map[string]string{"count": "2", "maxSeverity": "MEDIUM"}},
		{"two high capped", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{complaint(SeverityHigh, 1), complaint(SeverityHigh, 1)}
		}), FactorOpenComplaints, 25, MsgOpenComplaintsOther, nil},
		{"unknown severity as medium", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint("URGENT", 1)} }), FactorOpenComplaints, 13, MsgOpenComplaintsOne, nil},
		{"lower-case severity", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint("critical", 1)} }), FactorOpenComplaints, 25, MsgOpenComplaintsOne, map[string]string{"maxSeverity": "CRITICAL"}},

		// breached deadlines
		{"no deadline set", with(func(s *Signals) { s.OpenComplaints = []Complaint{complaint(SeverityLow, 30)} }), FactorBreachedDeadlines, 0, "", nil},
		{"deadline not yet due", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(1), ResponseDueAt: daysAgo(-1)}}
		}), FactorBreachedDeadlines, 0, "", nil},
		{"unanswered past deadline", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(2), ResponseDueAt: daysAgo(1)}}
		}), FactorBreachedDeadlines, 14, MsgBreachedDeadlinesOne, map[string]string{"count": "1"}},
		{"answered late", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(3), ResponseDueAt: daysAgo(2), RespondedAt: ptr(daysAgo(1))}}
		}), FactorBreachedDeadlines, 14, MsgBreachedDeadlinesOne, nil},
		{"answered on time", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(3), ResponseDueAt: daysAgo(2), RespondedAt: ptr(daysAgo(2.5))}}
		}), FactorBreachedDeadlines, 0, "", nil},
		{"answered exactly at deadline", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(3), ResponseDueAt: daysAgo(2), RespondedAt: ptr(daysAgo(2))}}
		}), FactorBreachedDeadlines, 0, "", nil},
		{"two breaches full", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{
				{Severity: SeverityLow, OpenedAt: daysAgo(2), ResponseDueAt: daysAgo(1)},
				{Severity: SeverityLow, OpenedAt: daysAgo(3), ResponseDueAt: daysAgo(2), RespondedAt: ptr(daysAgo(1))},
			}
		}), FactorBreachedDeadlines, 20, MsgBreachedDeadlinesOther, map[string]string{"count": "2"}},

		// broken promises
		{"one overdue promise", with(func(s *Signals) { s.OverduePromises = 1 }), FactorBrokenPromises, 15, MsgBrokenPromisesOne, map[string]string{"count": "1", "overdue": "1", "broken90d": "0"}},
		{"overdue+broken", with(func(s *Signals) { s.OverduePromises, s.BrokenPromises90d = 1, 1 }), FactorBrokenPromises, 21, MsgBrokenPromisesOther, map[string]string{"count": "2"}},
		{"three broken full", with(func(s *Signals) { s.BrokenPromises90d = 3 }), FactorBrokenPromises, 25, MsgBrokenPromisesOther, nil},
		{"many broken capped", with(func(s *Signals) { s.BrokenPromises90d = 9 }), FactorBrokenPromises, 25, MsgBrokenPromisesOther, nil},
		{"negative counts ignored", with(func(s *Signals) { s.OverduePromises = -2 }), FactorBrokenPromises, 0, "", nil},

		// sentiment
		{"no sentiment", quiet(), FactorSentiment, 0, "", nil},
		{"neutral", with(func(s *Signals) { s.Sentiments = sentiments(0, 0, 0) }), FactorSentiment, 0, "", nil},
		{"mildly negative", with(func(s *Signals) { s.Sentiments = sentiments(-1, -1, -1) }), FactorSentiment, 8, MsgSentimentNegative, map[string]string{"avg": "-1.0"}},
		{"very negative is full", with(func(s *Signals) { s.Sentiments = sentiments(-2, -2, -2) }), FactorSentiment, 15, MsgSentimentNegative, nil},
		{"out-of-range scores clamped", with(func(s *Signals) { s.Sentiments = sentiments(-9, -9, -9) }), FactorSentiment, 15, MsgSentimentNegative, map[string]string{"avg": "-2.0"}},
		{"only the 3 newest count for avg", with(func(s *Signals) { s.Sentiments = sentiments(0, 0, 0, -2) }), FactorSentiment, 0, "", nil},
		{"positive but falling", with(func(s *Signals) { s.Sentiments = sentiments(1, 1, 1, 2, 2, 2) }), FactorSentiment, 4, MsgSentimentFalling, map[string]string{"avg": "1.0", "trend": "-1.0", "drop": "1.0"}},
		{"small fall ignored", with(func(s *Signals) { s.Sentiments = sentiments(1, 1, 2, 2, 2, 2) }), FactorSentiment, 0, "", nil},
		{"negative and falling", with(func(s *Signals) { s.Sentiments = sentiments(-1, -1, -1, 1, 1, 1) }), FactorSentiment, 15, MsgSentimentNegativeFalling, map[string]string{"avg": "-1.0", "drop": "2.0"}},
		{"trend needs two earlier", with(func(s *Signals) { s.Sentiments = sentiments(-1, -1, -1, 2) }), FactorSentiment, 8, MsgSentimentNegative, nil},
		{"rising negative has positive trend", with(func(s *Signals) { s.Sentiments = sentiments(-1, -1, -1, -2, -2) }), FactorSentiment, 8, MsgSentimentNegative, map[string]string{"trend": "1.0"}},

		// order decline
		{"no orders at all", quiet(), FactorOrderDecline, 0, "", nil},
		{"new buyer, no baseline", with(func(s *Signals) { s.OrderValueLast90 = 500 }), FactorOrderDecline, 0, "", nil},
		{"growth", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 1200, 1000 }), FactorOrderDecline, 0, "", nil},
		{"drop under 10% ignored", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 950, 1000 }), FactorOrderDecline, 0, "", nil},
		{"drop 10% scores 0", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 900, 1000 }), FactorOrderDecline, 0, "", nil},
		{"drop 35% half", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 650, 1000 }), FactorOrderDecline, 10, MsgOrderDecline, map[string]string{"drop": "35", "last": "650.00", "prev": "1000.00"}},
		{"drop 60% full", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 400, 1000 }), FactorOrderDecline, 20, MsgOrderDecline, nil},
		{"drop 99.9% says 99", with(func(s *Signals) { s.OrderValueLast90, s.OrderValuePrev90 = 1, 1000 }), FactorOrderDecline, 20, MsgOrderDecline, map[string]string{"drop": "99"}},
		{"orders stopped", with(func(s *Signals) { s.OrderValuePrev90 = 1000 }), FactorOrderDecline, 20, MsgOrdersStopped, map[string]string{"drop": "100"}},

		// returns
		{"returns at 5% normal", with(func(s *Signals) { s.ReturnRate = 0.05 }), FactorReturns, 0, "", nil},
		{"returns 20%", with(func(s *Signals) { s.ReturnRate = 0.20 }), FactorReturns, 6, MsgReturns, map[string]string{"rate": "20"}},
		{"returns 30% full", with(func(s *Signals) { s.ReturnRate = 0.30 }), FactorReturns, 10, MsgReturns, nil},
		{"returns above 100% clamped", with(func(s *Signals) { s.ReturnRate = 3 }), FactorReturns, 10, MsgReturns, map[string]string{"rate": "100"}},

		// competitor
		{"one competitor mention", with(func(s *Signals) { s.CompetitorMentions90d = 1 }), FactorCompetitor, 8, MsgCompetitorOne, map[string]string{"count": "1"}},
		{"two competitor mentions", with(func(s *Signals) { s.CompetitorMentions90d = 2 }), FactorCompetitor, 12, MsgCompetitorOther, nil},
		{"three competitor mentions", with(func(s *Signals) { s.CompetitorMentions90d = 3 }), FactorCompetitor, 15, MsgCompetitorOther, nil},
		{"many competitor mentions", with(func(s *Signals) { s.CompetitorMentions90d = 12 }), FactorCompetitor, 15, MsgCompetitorOther, map[string]string{"count": "12"}},

		// owner risk
		{"owner departed", with(func(s *Signals) { s.OwnerDeparted = true }), FactorOwnerRisk, 20, MsgOwnerDeparted, nil},
		{"owner departed trumps backup", with(func(s *Signals) { s.OwnerDeparted, s.KeyAccount, s.HasBackupOwner = true, true, true }), FactorOwnerRisk, 20, MsgOwnerDeparted, nil},
		{"key account without backup", with(func(s *Signals) { s.KeyAccount = true }), FactorOwnerRisk, 10, MsgNoBackupOwner, nil},
		{"key account with backup", with(func(s *Signals) { s.KeyAccount, s.HasBackupOwner = true, true }), FactorOwnerRisk, 0, "", nil},
		{"ordinary account without backup", quiet(), FactorOwnerRisk, 0, "", nil},

		// remediation
		{"one overdue step", with(func(s *Signals) { s.OverdueRemediationSteps = 1 }), FactorRemediationOverdue, 5, MsgRemediationOverdueOne, map[string]string{"count": "1"}},
		{"two overdue steps", with(func(s *Signals) { s.OverdueRemediationSteps = 2 }), FactorRemediationOverdue, 10, MsgRemediationOverdueOther, nil},
		{"many overdue steps", with(func(s *Signals) { s.OverdueRemediationSteps = 7 }), FactorRemediationOverdue, 10, MsgRemediationOverdueOther, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(tt.s, DefaultWeights(), DefaultThresholds(), now)
			f, ok := findFactor(a, tt.key)
			if tt.points == 0 {
				if ok {
					t.Fatalf("factor %s present with %d points, want absent", tt.key, f.Points)
				}
				return
			}
			if !ok {
				t.Fatalf("factor %s absent, want %d points; got %+v", tt.key, tt.points, a.Factors)
			}
			if f.Points != tt.points || f.Message != tt.msg {
				t.Errorf("got %d points %q, want %d points %q", f.Points, f.Message, tt.points, tt.msg)
			}
			for k, v := range tt.params {
				if f.Params[k] != v {
					t.Errorf("param %s = %q, want %q (all: %v)", k, f.Params[k], v, f.Params)
				}
			}
		})
	}
}

// TestFactorsMonotone checks that worse signals never score fewer points.
func TestFactorsMonotone(t *testing.T) {
	prev := -1
	for d := 0; d <= 60; d++ {
		a := Assess(contacted(float64(d), 7), DefaultWeights(), DefaultThresholds(), now)
		if a.Score < prev {
			t.Fatalf("contact: %d days scored %d, below %d", d, a.Score, prev)
		}
		prev = a.Score
	}
	prev = -1
	for last := 1000.0; last >= 0; last -= 25 {
		s := quiet()
		s.OrderValuePrev90, s.OrderValueLast90 = 1000, last
		a := Assess(s, DefaultWeights(), DefaultThresholds(), now)
		if a.Score < prev {
			t.Fatalf("orders: last90=%v scored %d, below %d", last, a.Score, prev)
		}
		prev = a.Score
	}
	prev = -1
	for r := 0.0; r <= 0.5; r += 0.01 {
		s := quiet()
		s.ReturnRate = r
		a := Assess(s, DefaultWeights(), DefaultThresholds(), now)
		if a.Score < prev {
			t.Fatalf("returns: rate %v scored %d, below %d", r, a.Score, prev)
		}
		prev = a.Score
	}
}

// TestSentimentOrderIndependent: the engine must not depend on callers
// delivering sentiments newest first, and must not reorder theirs.
func TestSentimentOrderIndependent(t *testing.T) {
	s := quiet()
	s.Sentiments = sentiments(-1, -2, -1, 1, 0, 1)
	want := Assess(s, DefaultWeights(), DefaultThresholds(), now)

	r := quiet()
	for i := len(s.Sentiments) - 1; i >= 0; i-- {
		r.Sentiments = append(r.Sentiments, s.Sentiments[i])
	}
	first := r.Sentiments[0]
	got := Assess(r, DefaultWeights(), DefaultThresholds(), now)
	if got.Score != want.Score || !maps.Equal(got.Factors[0].Params, want.Factors[0].Params) {
		t.Errorf("oldest-first input: %+v, newest-first: %+v", got, want)
	}
	if r.Sentiments[0] != first {
		t.Error("Assess reordered the caller's sentiments")
	}
}
