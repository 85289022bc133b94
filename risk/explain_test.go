package risk

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// variant is a small fixture chosen to produce message variants the rich
// fixture does not, so the golden files show every sentence a user can see.
type variant struct {
	name string
	s    Signals
}

func variants() []variant {
	with := func(f func(*Signals)) Signals { s := quiet(); f(&s); return s }
	return []variant{
		{"never contacted", Signals{CreatedAt: daysAgo(75), ContactCadenceDays: 30}},
		{"one low complaint, answered late", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(3), ResponseDueAt: daysAgo(2), RespondedAt: ptr(daysAgo(1))}}
		})},
		{"three complaints", with(func(s *Signals) {
			s.OpenComplaints = []Complaint{{Severity: SeverityLow, OpenedAt: daysAgo(1)}, {Severity: SeverityLow, OpenedAt: daysAgo(1)}, {Severity: SeverityLow, OpenedAt: daysAgo(9)}}
		})},
		{"one overdue promise", with(func(s *Signals) { s.OverduePromises = 1 })},
		{"negative sentiment", with(func(s *Signals) { s.Sentiments = sentiments(-1, -2, 0) })},
		{"falling sentiment", with(func(s *Signals) { s.Sentiments = sentiments(1, 0, 1, 2, 2, 2) })},
		{"orders stopped", with(func(s *Signals) { s.OrderValuePrev90 = 8000 })},
		{"one competitor mention", with(func(s *Signals) { s.CompetitorMentions90d = 1 })},
		{"key account without backup", with(func(s *Signals) { s.KeyAccount = true })},
		{"three overdue remediation steps", with(func(s *Signals) { s.OverdueRemediationSteps = 3 })},
	}
}

// renderAssessment formats an assessment for humans reviewing golden files.
func renderAssessment(b *strings.Builder, a Assessment, lang string) {
	fmt.Fprintf(b, "score %d %s\n", a.Score, a.Level)
	for _, f := range a.Factors {
		fmt.Fprintf(b, "%3d  %-20s %s\n", f.Points, f.Key, Explain(f, lang))
	}
}

func renderGolden(lang string) string {
	var b strings.Builder
	b.WriteString("# rich fixture: every signal firing\n")
	renderAssessment(&b, Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now), lang)
	for _, v := range variants() {
		fmt.Fprintf(&b, "\n# %s\n", v.name)
		renderAssessment(&b, Assess(v.s, DefaultWeights(), DefaultThresholds(), now), lang)
	}
	return b.String()
}

func TestExplainGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			got := renderGolden(lang)
			path := filepath.Join("testdata", "explain_"+lang+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from rendered output (run with -update after reviewing):\n--- got\n%s\n--- want\n%s", path, got, want)
			}
		})
	}
}

// TestExplainCoversCatalog ensures the fixtures exercise every message and
// that the engine supplies every placeholder the templates use.
func TestExplainCoversCatalog(t *testing.T) {
	seen := map[MessageKey]bool{}
	check := func(a Assessment) {
		for _, f := range a.Factors {
			seen[f.Message] = true
			for _, lang := range []string{"en", "zh"} {
				if text := Explain(f, lang); strings.ContainsAny(text, "{}") {
					t.Errorf("%s/%s left a placeholder: %q (params %v)", f.Message, lang, text, f.Params)
				}
			}
		}
	}
	check(Assess(richSignals(), DefaultWeights(), DefaultThresholds(), now))
	for _, v := range variants() {
		check(Assess(v.s, DefaultWeights(), DefaultThresholds(), now))
	}
	// Variants not worth a golden entry of their own.
	s := quiet()
	s.Sentiments = sentiments(1, 1, 1, 2, 2, 2)
	check(Assess(s, DefaultWeights(), DefaultThresholds(), now))
	for _, k := range MessageKeys() {
		if !seen[k] {
			t.Errorf("no fixture produces %s", k)
		}
	}
}
