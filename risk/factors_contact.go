package risk

import (
	"sort"
	"time"
)

// Relationship signals: how the customer is being looked after and how they
// feel about it.

// evalContactOverdue: days since the last contact (or since the customer was
// created, if never contacted) beyond the contract cadence. Within the cadence
// it scores 0; from there it ramps linearly to the full weight when the
// contact is overdue by three times the cadence (e.g. weekly cadence: full at
// 28 days without contact). Scaling by cadence makes a missed weekly call and
// a missed monthly visit comparable.
func evalContactOverdue(s Signals, now time.Time) evaluation {
	cadence := s.ContactCadenceDays
	if cadence <= 0 {
		cadence = DefaultContactCadenceDays
	}
	msg := MsgContactOverdue
	since := s.CreatedAt
	if s.LastContactAt != nil {
		since = *s.LastContactAt
	} else {
		msg = MsgNeverContacted
	}
	days := wholeDays(since, now)
	overdue := days - cadence
	if overdue <= 0 {
		return evaluation{}
	}
	return evaluation{
		fraction: float64(overdue) / float64(3*cadence),
		message:  msg,
		params: map[string]string{
			"days":        itoa(days),
			"cadence":     itoa(cadence),
			"overdueDays": itoa(overdue),
		},
	}
}

// Sentiment scale bounds, as recorded on interactions.
const (
	minSentiment = -2
	maxSentiment = 2
)

// evalSentiment looks at the three most recent interactions. A negative
// average scores in proportion to how negative it is (-2 = full weight). A
// falling trend adds on top, even while the mood is still positive, because a
// souring relationship is the early warning: when the recent three average at
// least 1 point below the three before, it adds a quarter of the weight per
// point of drop, at most half. The trend needs at least two earlier
// interactions so one odd conversation cannot fake it. Capped at the weight.
func evalSentiment(s Signals, _ time.Time) evaluation {
	if len(s.Sentiments) == 0 {
		return evaluation{}
	}
	sorted := append([]Sentiment(nil), s.Sentiments...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.After(sorted[j].At) })

	recent := sorted[:min(3, len(sorted))]
	avg := averageSentiment(recent)
	params := map[string]string{"avg": oneDecimal(avg)}

	var fraction float64
	negative := avg < 0
	if negative {
		fraction = -avg / -minSentiment
	}

	falling := false
	if prev := sorted[len(recent):min(6, len(sorted))]; len(prev) >= 2 {
		trend := avg - averageSentiment(prev)
		params["trend"] = oneDecimal(trend)
		if trend <= -1 {
			falling = true
			params["drop"] = oneDecimal(-trend)
			fraction += min(-trend*0.25, 0.5)
		}
	}

	var msg MessageKey
	switch {
	case negative && falling:
		msg = MsgSentimentNegativeFalling
	case falling:
		msg = MsgSentimentFalling
	case negative:
		msg = MsgSentimentNegative
	default:
		return evaluation{}
	}
	return evaluation{fraction: fraction, message: msg, params: params}
}

// averageSentiment averages scores clamped to the sentiment scale, so one bad
// data point cannot dominate.
func averageSentiment(ss []Sentiment) float64 {
	sum := 0
	for _, x := range ss {
		sum += min(max(x.Score, minSentiment), maxSentiment)
	}
	return float64(sum) / float64(len(ss))
}

// evalCompetitor: competitor mentions in the last 90 days. The first mention
// already means the customer is shopping around (50 %); two reach 80 %, three
// or more the full weight.
func evalCompetitor(s Signals, _ time.Time) evaluation {
	n := s.CompetitorMentions90d
	if n <= 0 {
		return evaluation{}
	}
	return evaluation{
		fraction: stepFraction(n, 0.5, 0.8, 1.0),
		message:  countMessage(n, MsgCompetitorOne, MsgCompetitorOther),
		params:   map[string]string{"count": itoa(n)},
	}
}

// evalOwnerRisk: customers are often loyal to a person. A departed account
// manager scores the full weight; otherwise a key account that depends on a
// single owner (no backup) scores half, as a latent rather than present risk.
func evalOwnerRisk(s Signals, _ time.Time) evaluation {
	switch {
	case s.OwnerDeparted:
		return evaluation{fraction: 1, message: MsgOwnerDeparted, params: map[string]string{}}
	case s.KeyAccount && !s.HasBackupOwner:
		return evaluation{fraction: 0.5, message: MsgNoBackupOwner, params: map[string]string{}}
	}
	return evaluation{}
}
