package risk

import (
	"errors"
	"testing"
)

func TestDefaultWeights(t *testing.T) {
	w := DefaultWeights()
	mustValid(t, w.Validate())
	want := Weights{25, 25, 20, 25, 15, 20, 10, 15, 20, 10}
	if w != want {
		t.Errorf("DefaultWeights() = %+v, want %+v", w, want)
	}
	sum := 0
	for _, f := range w.fields() {
		sum += f.value
	}
	if sum <= 100 {
		t.Errorf("default weights sum to %d; they should exceed 100", sum)
	}
}

func TestWeightsValidate(t *testing.T) {
	setters := map[string]func(*Weights, int){
		"contactOverdue":     func(w *Weights, v int) { w.ContactOverdue = v },
		"openComplaints":     func(w *Weights, v int) { w.OpenComplaints = v },
		"breachedDeadlines":  func(w *Weights, v int) { w.BreachedDeadlines = v },
		"brokenPromises":     func(w *Weights, v int) { w.BrokenPromises = v },
		"sentiment":          func(w *Weights, v int) { w.Sentiment = v },
		"orderDecline":       func(w *Weights, v int) { w.OrderDecline = v },
		"returns":            func(w *Weights, v int) { w.Returns = v },
		"competitor":         func(w *Weights, v int) { w.Competitor = v },
		"ownerRisk":          func(w *Weights, v int) { w.OwnerRisk = v },
		"remediationOverdue": func(w *Weights, v int) { w.RemediationOverdue = v },
	}
	if len(setters) != len(Weights{}.fields()) {
		t.Fatal("a weight is missing from this test")
	}
	for field, set := range setters {
		for _, v := range []int{0, 100} {
			w := DefaultWeights()
			set(&w, v)
			mustValid(t, w.Validate())
		}
		for _, v := range []int{-1, 101} {
			w := DefaultWeights()
			set(&w, v)
			var ve *ValidationError
			if err := w.Validate(); !errors.As(err, &ve) || ve.Field != field {
				t.Errorf("%s=%d: Validate() = %v, want *ValidationError for %s", field, v, err, field)
			}
		}
	}

	// The first bad field wins, so the error is stable.
	w := DefaultWeights()
	w.Returns, w.ContactOverdue = -1, 200
	var ve *ValidationError
	if err := w.Validate(); !errors.As(err, &ve) || ve.Field != "contactOverdue" {
		t.Errorf("two bad fields: %v, want contactOverdue", err)
	}
	if got := ve.Error(); got != "risk: invalid contactOverdue: must be between 0 and 100" {
		t.Errorf("Error() = %q", got)
	}
}

func TestWeightsWith(t *testing.T) {
	base := DefaultWeights()
	if got := base.With(Overrides{}); got != base {
		t.Errorf("empty overrides changed weights: %+v", got)
	}

	got := base.With(Overrides{ContactOverdue: ptr(5), Competitor: ptr(0), RemediationOverdue: ptr(40)})
	want := base
	want.ContactOverdue, want.Competitor, want.RemediationOverdue = 5, 0, 40
	if got != want {
		t.Errorf("With() = %+v, want %+v", got, want)
	}
	if base != DefaultWeights() {
		t.Error("With modified its receiver")
	}

	all := Overrides{ptr(1), ptr(2), ptr(3), ptr(4), ptr(5), ptr(6), ptr(7), ptr(8), ptr(9), ptr(10)}
	if got := base.With(all); got != (Weights{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
		t.Errorf("every override: %+v", got)
	}

	if err := base.With(Overrides{Sentiment: ptr(120)}).Validate(); err == nil {
		t.Error("out-of-range override passed validation")
	}
}
