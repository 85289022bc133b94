package risk

import "testing"

func TestNextAlertState(t *testing.T) {
	th := DefaultThresholds() // 30 / 60 / 80
	h := DefaultHysteresis    // 5
	tests := []struct {
		name  string
		last  Level
		score int
		want  Level
		raise bool
	}{
		{"healthy stays quiet", LevelHealthy, 10, LevelHealthy, false},
		{"watch does not alert", LevelHealthy, 45, LevelWatch, false},
		{"into at-risk raises", LevelHealthy, 60, LevelAtRisk, true},
		{"from watch into at-risk raises", LevelWatch, 65, LevelAtRisk, true},
		{"straight to critical raises", LevelHealthy, 95, LevelCritical, true},
		{"at-risk to critical raises", LevelAtRisk, 80, LevelCritical, true},
		{"critical stays critical quietly", LevelCritical, 90, LevelCritical, false},
		{"at-risk stays at-risk quietly", LevelAtRisk, 70, LevelAtRisk, false},
		{"critical held within hysteresis", LevelCritical, 75, LevelCritical, false},
		{"critical cleared below hysteresis", LevelCritical, 74, LevelAtRisk, false},
		{"critical to at-risk band keeps at-risk", LevelCritical, 56, LevelAtRisk, false},
		{"critical to healthy clears all", LevelCritical, 20, LevelHealthy, false},
		{"critical to watch clears all", LevelCritical, 54, LevelWatch, false},
		{"at-risk held within hysteresis", LevelAtRisk, 55, LevelAtRisk, false},
		{"at-risk cleared below hysteresis", LevelAtRisk, 54, LevelWatch, false},
		{"unknown stored level means none", Level("BOGUS"), 61, LevelAtRisk, true},
		{"empty stored level means none", "", 10, LevelHealthy, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, raise := NextAlertState(tt.last, tt.score, th, h)
			if got != tt.want || raise != tt.raise {
				t.Errorf("NextAlertState(%s, %d) = (%s, %v), want (%s, %v)", tt.last, tt.score, got, raise, tt.want, tt.raise)
			}
		})
	}
}

// TestNextAlertStateSequences feeds score series through the state machine,
// as the alerting code does, and counts the alerts.
func TestNextAlertStateSequences(t *testing.T) {
	tests := []struct {
		name       string
		start      Level
		hysteresis int
		scores     []int
		raises     []Level // levels alerted, in order
		end        Level
	}{
		{"hovering at critical alerts once", LevelAtRisk, 5, []int{79, 80, 79, 80, 81}, []Level{LevelCritical}, LevelCritical},
		{"hovering at at-risk alerts once", LevelHealthy, 5, []int{59, 60, 59, 60, 61, 58}, []Level{LevelAtRisk}, LevelAtRisk},
		{"real recovery then relapse alerts again", LevelHealthy, 5, []int{62, 50, 40, 61}, []Level{LevelAtRisk, LevelAtRisk}, LevelAtRisk},
		{"critical recovery then relapse", LevelHealthy, 5, []int{85, 74, 80}, []Level{LevelCritical, LevelCritical}, LevelCritical},
		{"zero hysteresis alerts every crossing", LevelAtRisk, 0, []int{79, 80, 79, 80}, []Level{LevelCritical, LevelCritical}, LevelCritical},
		{"negative hysteresis acts as zero", LevelAtRisk, -3, []int{80, 79, 80}, []Level{LevelCritical, LevelCritical}, LevelCritical},
		{"slow climb alerts per level", LevelHealthy, 5, []int{20, 40, 60, 70, 80, 90, 100}, []Level{LevelAtRisk, LevelCritical}, LevelCritical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := tt.start
			var raised []Level
			for _, s := range tt.scores {
				var raise bool
				state, raise = NextAlertState(state, s, DefaultThresholds(), tt.hysteresis)
				if raise {
					raised = append(raised, state)
				}
			}
			if len(raised) != len(tt.raises) {
				t.Fatalf("raised %v, want %v", raised, tt.raises)
			}
			for i := range raised {
				if raised[i] != tt.raises[i] {
					t.Fatalf("raised %v, want %v", raised, tt.raises)
				}
			}
			if state != tt.end {
				t.Errorf("end state %s, want %s", state, tt.end)
			}
		})
	}
}
