package risk

import (
	"reflect"
	"testing"
)

func TestAssessNothingWrong(t *testing.T) {
	for _, s := range []Signals{quiet(), {CreatedAt: now}} {
		a := Assess(s, DefaultWeights(), DefaultThresholds(), now)
		if a.Score != 0 || a.Level != LevelHealthy || a.Factors == nil || len(a.Factors) != 0 {
			t.Errorf("Assess(%+v) = %+v, want score 0, HEALTHY, empty non-nil factors", s, a)
		}
	}
}

func TestAssessCapsAt100(t *testing.T) {
	a := Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now)
	sum := 0
	for _, f := range a.Factors {
		sum += f.Points
	}
	if sum <= 100 {
		t.Fatalf("fixture should exceed 100 before the cap, sum = %d", sum)
	}
	if a.Score != 100 || a.Level != LevelCritical {
		t.Errorf("score %d level %s, want 100 CRITICAL", a.Score, a.Level)
	}
	if len(a.Factors) != len(rules) {
		t.Errorf("got %d factors, want all %d", len(a.Factors), len(rules))
	}
}

func TestAssessSortsFactors(t *testing.T) {
	a := Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now)
	for i := 1; i < len(a.Factors); i++ {
		p, q := a.Factors[i-1], a.Factors[i]
		if p.Points < q.Points || p.Points == q.Points && p.Key >= q.Key {
			t.Errorf("factors out of order at %d: %s(%d) before %s(%d)", i, p.Key, p.Points, q.Key, q.Points)
		}
	}
}

func TestAssessDeterministic(t *testing.T) {
	first := Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now)
	for range 20 {
		if got := Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now); !reflect.DeepEqual(got, first) {
			t.Fatalf("assessment changed between runs:\n%+v\n%+v", got, first)
		}
	}
}

func TestAssessZeroWeights(t *testing.T) {
	a := Assess(richSignals(), Weights{}, DefaultThresholds(), now)
	if a.Score != 0 || len(a.Factors) != 0 {
		t.Errorf("all-zero weights: %+v, want nothing", a)
	}

	w := DefaultWeights()
	w.OwnerRisk = 0
	a = Assess(richSignals(), w, DefaultThresholds(), now)
	if _, ok := findFactor(a, FactorOwnerRisk); ok {
		t.Error("owner_risk present with weight 0")
	}
	if len(a.Factors) != len(rules)-1 {
		t.Errorf("got %d factors, want %d", len(a.Factors), len(rules)-1)
	}
}

func TestAssessClampsBadWeights(t *testing.T) {
	s := quiet()
	s.OwnerDeparted = true
	s.OverdueRemediationSteps = 5

	w := Weights{OwnerRisk: 250, RemediationOverdue: -10}
	a := Assess(s, w, DefaultThresholds(), now)
	if a.Score != 100 || len(a.Factors) != 1 || a.Factors[0].Points != 100 {
		t.Errorf("got %+v, want owner_risk clamped to 100 and remediation off", a)
	}
}

func TestAssessUsesThresholds(t *testing.T) {
	s := quiet()
	s.OwnerDeparted = true // 20 points
	if a := Assess(s, DefaultWeights(), DefaultThresholds(), now); a.Level != LevelHealthy {
		t.Errorf("default thresholds: %s, want HEALTHY", a.Level)
	}
	if a := Assess(s, DefaultWeights(), Thresholds{Watch: 10, AtRisk: 20, Critical: 90}, now); a.Level != LevelAtRisk {
		t.Errorf("strict thresholds: %s, want AT_RISK", a.Level)
	}
}

func TestAssessSumsFactors(t *testing.T) {
	s := quiet()
	s.OverduePromises = 1         // 15
	s.CompetitorMentions90d = 1   // 8
	s.OverdueRemediationSteps = 1 // 5
	s.KeyAccount = true           // 10
	a := Assess(s, DefaultWeights(), DefaultThresholds(), now)
	if a.Score != 38 || a.Level != LevelWatch {
		t.Errorf("got %d %s, want 38 WATCH", a.Score, a.Level)
	}
	var keys []string
	for _, f := range a.Factors {
		keys = append(keys, f.Key)
	}
	want := []string{FactorBrokenPromises, FactorOwnerRisk, FactorCompetitor, FactorRemediationOverdue}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("order %v, want %v", keys, want)
	}
}
