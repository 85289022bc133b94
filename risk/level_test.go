package risk

import (
	"errors"
	"testing"
)

func TestLevelOf(t *testing.T) {
	th := DefaultThresholds()
	tests := []struct {
		score int
		want  Level
	}{
		{0, LevelHealthy}, {29, LevelHealthy}, {30, LevelWatch}, {59, LevelWatch},
		{60, LevelAtRisk}, {79, LevelAtRisk}, {80, LevelCritical}, {100, LevelCritical},
		{-5, LevelHealthy},
	}
	for _, tt := range tests {
		if got := th.LevelOf(tt.score); got != tt.want {
			t.Errorf("LevelOf(%d) = %s, want %s", tt.score, got, tt.want)
		}
	}
}

func TestThresholdsValidate(t *testing.T) {
	tests := []struct {
		name  string
		th    Thresholds
		field string // "" = valid
	}{
		{"defaults", DefaultThresholds(), ""},
		{"tightest", Thresholds{1, 2, 3}, ""},
		{"critical at 100", Thresholds{30, 60, 100}, ""},
		{"watch zero", Thresholds{0, 60, 80}, "watch"},
		{"watch negative", Thresholds{-1, 60, 80}, "watch"},
		{"atRisk equals watch", Thresholds{30, 30, 80}, "atRisk"},
		{"atRisk below watch", Thresholds{50, 40, 80}, "atRisk"},
		{"critical equals atRisk", Thresholds{30, 60, 60}, "critical"},
		{"critical above 100", Thresholds{30, 60, 101}, "critical"},
		{"zero value", Thresholds{}, "watch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.th.Validate()
			if tt.field == "" {
				mustValid(t, err)
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if ve.Field != tt.field || ve.Reason == "" {
				t.Errorf("got %+v, want field %q with a reason", ve, tt.field)
			}
		})
	}
}
