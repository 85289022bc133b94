package risk

// Weights are the maximum points each signal can contribute to the score.
// The defaults add up to more than 100 on purpose: a customer does not need
// every warning sign to be critical, and the score is capped at 100. A weight
// of 0 switches a signal off.
type Weights struct {
	// ContactOverdue weighs time since last contact beyond the cadence.
	ContactOverdue int
	// OpenComplaints weighs unresolved complaints by severity and age.
	OpenComplaints int
	// BreachedDeadlines weighs complaints answered late or not at all.
	BreachedDeadlines int
	// BrokenPromises weighs broken and overdue promises.
	BrokenPromises int
	// Sentiment weighs negative and falling interaction sentiment.
	Sentiment int
	// OrderDecline weighs falling order value.
	OrderDecline int
	// Returns weighs a high return rate.
	Returns int
	// Competitor weighs competitor mentions.
	Competitor int
	// OwnerRisk weighs losing (or depending on) a single account manager.
	OwnerRisk int
	// RemediationOverdue weighs remediation steps past their due date.
	RemediationOverdue int
}

// DefaultWeights returns the weights a new workspace starts with. Broken
// promises and unanswered complaints — the two leading causes of churn — sit
// at the top together with neglect (contact overdue); returns and slipping
// remediation are supporting evidence rather than causes, so they weigh less.
func DefaultWeights() Weights {
	return Weights{
		ContactOverdue:     25,
		OpenComplaints:     25,
		BreachedDeadlines:  20,
		BrokenPromises:     25,
		Sentiment:          15,
		OrderDecline:       20,
		Returns:            10,
		Competitor:         15,
		OwnerRisk:          20,
		RemediationOverdue: 10,
	}
}

// Overrides lets a relationship type replace some of the workspace weights,
// e.g. a transactional relationship may care little about contact cadence.
// A nil field inherits the workspace value; pointers make "inherit" distinct
// from an explicit 0 that switches the signal off.
type Overrides struct {
	// ContactOverdue overrides Weights.ContactOverdue when non-nil.
	ContactOverdue *int
	// OpenComplaints overrides Weights.OpenComplaints when non-nil.
	OpenComplaints *int
	// BreachedDeadlines overrides Weights.BreachedDeadlines when non-nil.
	BreachedDeadlines *int
	// BrokenPromises overrides Weights.BrokenPromises when non-nil.
	BrokenPromises *int
	// Sentiment overrides Weights.Sentiment when non-nil.
	Sentiment *int
	// OrderDecline overrides Weights.OrderDecline when non-nil.
	OrderDecline *int
	// Returns overrides Weights.Returns when non-nil.
	Returns *int
	// Competitor overrides Weights.Competitor when non-nil.
	Competitor *int
	// OwnerRisk overrides Weights.OwnerRisk when non-nil.
	OwnerRisk *int
	// RemediationOverdue overrides Weights.RemediationOverdue when non-nil.
	RemediationOverdue *int
}

// With returns w with the non-nil overrides applied. It does not validate;
// call Validate on the result, since an override can only be judged in the
// context of the weights it lands on.
func (w Weights) With(o Overrides) Weights {
	apply := func(dst *int, src *int) {
		if src != nil {
			*dst = *src
		}
	}
	apply(&w.ContactOverdue, o.ContactOverdue)
	apply(&w.OpenComplaints, o.OpenComplaints)
	apply(&w.BreachedDeadlines, o.BreachedDeadlines)
	apply(&w.BrokenPromises, o.BrokenPromises)
	apply(&w.Sentiment, o.Sentiment)
	apply(&w.OrderDecline, o.OrderDecline)
	apply(&w.Returns, o.Returns)
	apply(&w.Competitor, o.Competitor)
	apply(&w.OwnerRisk, o.OwnerRisk)
	apply(&w.RemediationOverdue, o.RemediationOverdue)
	return w
}

// MaxWeight is the largest allowed weight: one signal may on its own push a
// customer to the top of the scale, but never beyond it.
const MaxWeight = 100

// Validate checks that every weight is within 0..MaxWeight. It returns a
// *ValidationError for the first offending field, in declaration order, so
// the same bad input always yields the same error.
func (w Weights) Validate() error {
	for _, f := range w.fields() {
		if f.value < 0 || f.value > MaxWeight {
			return &ValidationError{Field: f.name, Reason: "must be between 0 and 100"}
		}
	}
	return nil
}

// namedWeight pairs a weight with its API field name for validation.
type namedWeight struct {
	name  string
	value int
}

func (w Weights) fields() []namedWeight {
	return []namedWeight{
		{"contactOverdue", w.ContactOverdue},
		{"openComplaints", w.OpenComplaints},
		{"breachedDeadlines", w.BreachedDeadlines},
		{"brokenPromises", w.BrokenPromises},
		{"sentiment", w.Sentiment},
		{"orderDecline", w.OrderDecline},
		{"returns", w.Returns},
		{"competitor", w.Competitor},
		{"ownerRisk", w.OwnerRisk},
		{"remediationOverdue", w.RemediationOverdue},
	}
}
