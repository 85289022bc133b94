package risk

import (
	"math"
	"sort"
	"time"
)

// Factor is one reason contributing to a score. It carries a message key and
// string parameters rather than rendered text so every client (web, mobile,
// integrations) can show it in the user's language.
type Factor struct {
	// Key is the stable id of the signal, e.g. "contact_overdue"; see the
	// Factor* constants. Safe to store and to switch on.
	Key string
	// Points is what the factor added to the score, 1..its weight.
	Points int
	// Message is the catalog key of the explanation, e.g.
	// "risk.contact_overdue". One Key can use several messages (never
	// contacted vs. overdue; singular vs. plural).
	Message MessageKey
	// Params fill the message's {placeholders}. Values are strings so clients
	// can format them without knowing each parameter's type; numbers use a dot
	// as decimal separator. Extra parameters beyond the placeholders are
	// provided for clients that want more detail.
	Params map[string]string
}

// Factor keys, one per signal.
const (
	// FactorContactOverdue: time since last contact exceeds the cadence.
	FactorContactOverdue = "contact_overdue"
	// FactorOpenComplaints: unresolved complaints.
	FactorOpenComplaints = "open_complaints"
	// FactorBreachedDeadlines: complaints not answered within the SLA.
	FactorBreachedDeadlines = "breached_deadlines"
	// FactorBrokenPromises: broken or overdue promises.
	FactorBrokenPromises = "broken_promises"
	// FactorSentiment: negative or falling sentiment.
	FactorSentiment = "sentiment"
	// FactorOrderDecline: falling order value.
	FactorOrderDecline = "order_decline"
	// FactorReturns: high return rate.
	FactorReturns = "returns"
	// FactorCompetitor: competitor mentions.
	FactorCompetitor = "competitor"
	// FactorOwnerRisk: departed account manager or no backup owner.
	FactorOwnerRisk = "owner_risk"
	// FactorRemediationOverdue: remediation steps past due.
	FactorRemediationOverdue = "remediation_overdue"
)

// Assessment is the engine's verdict on one customer at one moment.
type Assessment struct {
	// Score is 0..100, the sum of the factors' points capped at 100.
	Score int
	// Level is the band Score falls into under the thresholds used.
	Level Level
	// Factors explain the score, largest contribution first (ties by Key, so
	// the order is deterministic). Signals contributing no points are
	// omitted; the slice is non-nil so it encodes as [] rather than null.
	Factors []Factor
}

// evaluation is a rule's verdict before weighting: how strongly the signal
// fires (0..1 of its weight) and how to explain it.
type evaluation struct {
	fraction float64
	message  MessageKey
	params   map[string]string
}

// rule ties a factor key to its weight and evaluator. Rules only see signals
// and now, never weights, which keeps "how bad is it" separate from "how much
// does this workspace care".
type rule struct {
	key    string
	weight func(Weights) int
	eval   func(Signals, time.Time) evaluation
}

// rules lists every signal the engine scores.
var rules = []rule{
	{FactorContactOverdue, func(w Weights) int { return w.ContactOverdue }, evalContactOverdue},
	{FactorOpenComplaints, func(w Weights) int { return w.OpenComplaints }, evalOpenComplaints},
	{FactorBreachedDeadlines, func(w Weights) int { return w.BreachedDeadlines }, evalBreachedDeadlines},
	{FactorBrokenPromises, func(w Weights) int { return w.BrokenPromises }, evalBrokenPromises},
	{FactorSentiment, func(w Weights) int { return w.Sentiment }, evalSentiment},
	{FactorOrderDecline, func(w Weights) int { return w.OrderDecline }, evalOrderDecline},
	{FactorReturns, func(w Weights) int { return w.Returns }, evalReturns},
	{FactorCompetitor, func(w Weights) int { return w.Competitor }, evalCompetitor},
	{FactorOwnerRisk, func(w Weights) int { return w.OwnerRisk }, evalOwnerRisk},
	{FactorRemediationOverdue, func(w Weights) int { return w.RemediationOverdue }, evalRemediationOverdue},
}

// Assess scores s as of now. Each signal contributes round(weight × fraction)
// points, where the fraction (0..1) grows monotonically with the badness of
// the signal; the score is the sum capped at 100. Assess is deterministic and
// does not modify s. Out-of-range weights are clamped to 0..MaxWeight rather
// than rejected, because scoring must not fail at read time; reject them when
// they are saved, with Validate.
func Assess(s Signals, w Weights, t Thresholds, now time.Time) Assessment {
	factors := []Factor{}
	sum := 0
	for _, r := range rules {
		weight := min(max(r.weight(w), 0), MaxWeight)
		if weight == 0 {
			continue // a zero weight switches the signal off entirely
		}
		ev := r.eval(s, now)
		points := int(math.Round(float64(weight) * clamp01(ev.fraction)))
		if points <= 0 {
			continue
		}
		factors = append(factors, Factor{Key: r.key, Points: points, Message: ev.message, Params: ev.params})
		sum += points
	}
	sort.SliceStable(factors, func(i, j int) bool {
		if factors[i].Points != factors[j].Points {
			return factors[i].Points > factors[j].Points
		}
		return factors[i].Key < factors[j].Key
	})
	score := min(sum, 100)
	return Assessment{Score: score, Level: t.LevelOf(score), Factors: factors}
}

// clamp01 keeps a fraction within 0..1 so no rule can exceed its weight.
func clamp01(x float64) float64 {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	return min(x, 1)
}

// stepFraction maps a count onto a fixed ladder (ladder[0] for a count of 1,
// the last entry for that count and above). Ladders rise steeply at first
// because the first broken promise or first competitor mention is the news;
// later ones confirm a pattern.
func stepFraction(count int, ladder ...float64) float64 {
	if count <= 0 {
		return 0
	}
	return ladder[min(count, len(ladder))-1]
}

// wholeDays is the number of complete 24-hour periods from t to now; times in
// the future count as 0. Calendar days would depend on a time zone the pure
// engine does not know.
func wholeDays(t, now time.Time) int {
	d := now.Sub(t)
	if d <= 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}
