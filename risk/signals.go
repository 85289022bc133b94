package risk

import "time"

// Signals are the facts about one customer the engine scores. Times are
// absolute; the engine compares them with the now passed to Assess, so the
// caller need not pre-compute ages and a stored snapshot can be re-scored later.
type Signals struct {
	// LastContactAt is the last interaction with the customer; nil means the
	// customer has never been contacted.
	LastContactAt *time.Time
	// CreatedAt is when the customer was created; it stands in for the last
	// contact when there has been none, so a neglected new customer still ages.
	CreatedAt time.Time
	// ContactCadenceDays is the contact rhythm promised by the relationship
	// contract (typically 7..30). Zero or negative means "not set" and is
	// treated as DefaultContactCadenceDays.
	ContactCadenceDays int
	// OpenComplaints are the complaints not yet resolved or closed.
	OpenComplaints []Complaint
	// OverduePromises counts open promises whose due date has passed; the
	// customer experiences these as broken whether or not anyone marked them.
	OverduePromises int
	// BrokenPromises90d counts promises explicitly marked broken in the last
	// 90 days.
	BrokenPromises90d int
	// Sentiments are recent interactions' sentiment, ideally newest first and
	// up to about ten. The engine re-sorts a copy, so order is not relied upon.
	Sentiments []Sentiment
	// OrderValueLast90 is revenue in (now-90d, now].
	OrderValueLast90 float64
	// OrderValuePrev90 is revenue in (now-180d, now-90d], the baseline the
	// last 90 days are compared with.
	OrderValuePrev90 float64
	// ReturnRate is the share of orders returned over the trailing 12 months,
	// 0..1.
	ReturnRate float64
	// CompetitorMentions90d counts interactions in the last 90 days in which
	// a competitor came up.
	CompetitorMentions90d int
	// OwnerDeparted is set when the customer's account manager has left; many
	// customers are loyal to a person, not to the company.
	OwnerDeparted bool
	// KeyAccount is set for key-account tiers (TKA, PKA, IKA), whose loss
	// would hurt most.
	KeyAccount bool
	// HasBackupOwner is set when a second owner knows the customer and could
	// take over the relationship.
	HasBackupOwner bool
	// OverdueRemediationSteps counts remediation steps past their due date.
	OverdueRemediationSteps int
}

// DefaultContactCadenceDays is used when a relationship contract sets no
// cadence; it is the loosest rhythm in the product's 7..30 day range, so a
// missing contract never makes a customer look more at risk than it is.
const DefaultContactCadenceDays = 30

// Complaint is the part of an open complaint the engine needs.
type Complaint struct {
	// Severity drives how much the complaint weighs.
	Severity Severity
	// OpenedAt is when the complaint was raised; complaints left open for a
	// long time weigh more.
	OpenedAt time.Time
	// ResponseDueAt is the response deadline from the relationship contract's
	// SLA. The zero time means no deadline applies.
	ResponseDueAt time.Time
	// RespondedAt is when the customer first got a response; nil means not yet.
	RespondedAt *time.Time
}

// Severity is a complaint's severity as stored by the complaints module.
type Severity string

// Complaint severities, mildest first.
const (
	// SeverityLow is a minor annoyance.
	SeverityLow Severity = "LOW"
	// SeverityMedium is a real problem the customer expects fixed.
	SeverityMedium Severity = "MEDIUM"
	// SeverityHigh harms the customer's business or trust.
	SeverityHigh Severity = "HIGH"
	// SeverityCritical threatens the relationship on its own.
	SeverityCritical Severity = "CRITICAL"
)

// Sentiment is the customer's mood in one interaction.
type Sentiment struct {
	// Score runs from -2 (very negative) to +2 (very positive); values
	// outside that range are clamped.
	Score int
	// At is when the interaction happened.
	At time.Time
}
