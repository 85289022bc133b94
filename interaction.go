package retain

import (
	"context"
	"time"
)

// Channel is how a contact with the customer happened.
type Channel string

// Channels.
const (
	ChannelCall    Channel = "CALL"
	ChannelVisit   Channel = "VISIT"
	ChannelMeeting Channel = "MEETING"
	ChannelMessage Channel = "MESSAGE"
	ChannelEmail   Channel = "EMAIL"
	ChannelLetter  Channel = "LETTER"
	ChannelGift    Channel = "GIFT"
	ChannelEvent   Channel = "EVENT"
	ChannelOther   Channel = "OTHER"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case ChannelCall, ChannelVisit, ChannelMeeting, ChannelMessage, ChannelEmail, ChannelLetter, ChannelGift, ChannelEvent, ChannelOther:
		return true
	}
	return false
}

// Direction says who reached out.
type Direction string

// Directions.
const (
	Inbound  Direction = "INBOUND"
	Outbound Direction = "OUTBOUND"
)

// Interaction is one touch point in the relationship's timeline.
type Interaction struct {
	ID              string     `bun:",pk,type:uuid"`
	WorkspaceID     string     `bun:",type:uuid"`
	CustomerID      string     `bun:",type:uuid"`
	UserID          *string    `bun:",type:uuid"`
	Channel         Channel    `bun:""`
	Direction       Direction  `bun:""`
	OccurredAt      time.Time  `bun:""`
	Summary         string     `bun:""`
	Sentiment       *int       `bun:""`
	Competitor      string     `bun:""`
	GiftValue       *float64   `bun:""`
	GiftFeedback    string     `bun:""`
	NextStep        string     `bun:""`
	NextStepDueAt   *time.Time `bun:""`
	DurationMinutes int        `bun:""`
	ExternalID      *string    `bun:""`
	CreatedAt       time.Time  `bun:""`
}

// InteractionInput logs an interaction. A promise made during it can be
// recorded at the same time.
type InteractionInput struct {
	CustomerID      string
	Channel         Channel
	Direction       Direction
	OccurredAt      *time.Time
	Summary         string
	Sentiment       *int
	Competitor      string
	GiftValue       *float64
	GiftFeedback    string
	NextStep        string
	NextStepDueAt   *time.Time
	DurationMinutes int
	ExternalID      *string
	Promise         *PromiseInput
}

// Validate checks the input against now (interactions cannot be in the
// future by more than a day, nor older than 10 years).
func (in *InteractionInput) Validate(now time.Time) error {
	var err error
	if !ValidID(in.CustomerID) {
		return NotFound("customer")
	}
	if !in.Channel.Valid() {
		return Invalid("input.channel", "unknown channel")
	}
	if in.Direction == "" {
		in.Direction = Outbound
	}
	if in.Direction != Inbound && in.Direction != Outbound {
		return Invalid("input.direction", "unknown direction")
	}
	if in.OccurredAt == nil {
		in.OccurredAt = &now
	}
	if err := CheckTime("input.occurredAt", *in.OccurredAt, now.AddDate(-10, 0, 0), now.Add(24*time.Hour)); err != nil {
		return err
	}
	if in.Summary, err = CheckText("input.summary", in.Summary, 1, 5000); err != nil {
		return err
	}
	if in.Sentiment != nil && (*in.Sentiment < -2 || *in.Sentiment > 2) {
		return Invalid("input.sentiment", "sentiment must be between -2 and 2")
	}
	if in.Competitor, err = CheckText("input.competitor", in.Competitor, 0, 200); err != nil {
		return err
	}
	if in.GiftValue != nil {
		if err := CheckMoney("input.giftValue", *in.GiftValue); err != nil {
			return err
		}
	}
	if in.GiftFeedback, err = CheckText("input.giftFeedback", in.GiftFeedback, 0, 2000); err != nil {
		return err
	}
	if in.NextStep, err = CheckText("input.nextStep", in.NextStep, 0, 1000); err != nil {
		return err
	}
	if in.NextStepDueAt != nil {
		if err := CheckTime("input.nextStepDueAt", *in.NextStepDueAt, now.AddDate(-10, 0, 0), now.AddDate(5, 0, 0)); err != nil {
			return err
		}
	}
	if in.DurationMinutes < 0 || in.DurationMinutes > 1440 {
		return Invalid("input.durationMinutes", "duration must be between 0 and 1440 minutes")
	}
	if in.ExternalID != nil {
		v, err := CheckText("input.externalId", *in.ExternalID, 1, 100)
		if err != nil {
			return err
		}
		in.ExternalID = &v
	}
	if in.Promise != nil {
		in.Promise.CustomerID = in.CustomerID
		if err := in.Promise.Validate(now); err != nil {
			return err
		}
	}
	return nil
}

// CheckTime checks t lies in [min, max].
func CheckTime(field string, t, min, max time.Time) error {
	if t.Before(min) || t.After(max) {
		return Invalid(field, "%s is out of range", field)
	}
	return nil
}

// PromiseStatus is where a commitment stands.
type PromiseStatus string

// Promise statuses. An OPEN promise past its due date counts as broken
// everywhere downstream even before anyone marks it.
const (
	PromiseOpen      PromiseStatus = "OPEN"
	PromiseKept      PromiseStatus = "KEPT"
	PromiseBroken    PromiseStatus = "BROKEN"
	PromiseCancelled PromiseStatus = "CANCELLED"
)

// Promise is a commitment made to a customer.
type Promise struct {
	ID             string        `bun:",pk,type:uuid"`
	WorkspaceID    string        `bun:",type:uuid"`
	CustomerID     string        `bun:",type:uuid"`
	InteractionID  *string       `bun:",type:uuid"`
	OwnerID        string        `bun:",type:uuid"`
	Description    string        `bun:""`
	DueAt          time.Time     `bun:""`
	Status         PromiseStatus `bun:""`
	ResolvedAt     *time.Time    `bun:""`
	ResolutionNote string        `bun:""`
	Version        int           `bun:""`
	CreatedAt      time.Time     `bun:""`
	UpdatedAt      time.Time     `bun:""`
}

// IsOverdue reports whether the promise is open past its due date, i.e. broken.
func (p *Promise) IsOverdue(now time.Time) bool {
	return p.Status == PromiseOpen && now.After(p.DueAt)
}

// PromiseInput records a commitment.
type PromiseInput struct {
	CustomerID  string
	Description string
	DueAt       time.Time
	// OwnerID defaults to the signed-in user (or the customer's owner).
	OwnerID *string
}

// Validate checks the input; the due date may not be more than 5 years away.
func (in *PromiseInput) Validate(now time.Time) error {
	var err error
	if !ValidID(in.CustomerID) {
		return NotFound("customer")
	}
	if in.Description, err = CheckText("input.description", in.Description, 1, 2000); err != nil {
		return err
	}
	if err := CheckTime("input.dueAt", in.DueAt, now.AddDate(-1, 0, 0), now.AddDate(5, 0, 0)); err != nil {
		return err
	}
	if in.OwnerID != nil {
		if _, err := CheckID("input.ownerId", *in.OwnerID); err != nil {
			return err
		}
	}
	return nil
}

// TimelineKind is the kind of a timeline entry.
type TimelineKind string

// Timeline entry kinds.
const (
	TimelineInteraction TimelineKind = "INTERACTION"
	TimelineStageChange TimelineKind = "STAGE_CHANGE"
	TimelineComplaint   TimelineKind = "COMPLAINT"
	TimelinePromise     TimelineKind = "PROMISE"
	TimelineAlert       TimelineKind = "ALERT"
)

// TimelineEntry is one event in a customer's history; exactly one of the
// pointers is set, matching Kind.
type TimelineEntry struct {
	Kind        TimelineKind
	At          time.Time
	ID          string
	Interaction *Interaction
	StageChange *StageChange
	Complaint   *Complaint
	Promise     *Promise
	Alert       *Alert
}

// TimelinePage is a page of a customer's timeline, newest first.
type TimelinePage struct {
	Entries     []*TimelineEntry
	Cursors     []string
	HasNextPage bool
}

// ActivityService logs interactions and promises and reads the timeline.
type ActivityService interface {
	// LogInteraction records an interaction (and optional promise), updating the
	// customer's last contact and risk score.
	LogInteraction(ctx context.Context, in InteractionInput) (*Interaction, error)
	// CreatePromise records a commitment.
	CreatePromise(ctx context.Context, in PromiseInput) (*Promise, error)
	// ResolvePromise marks an open promise KEPT, BROKEN or CANCELLED.
	ResolvePromise(ctx context.Context, id string, version int, status PromiseStatus, note string) (*Promise, error)
	// FindPromises lists visible promises; overdueOnly keeps open ones past due.
	FindPromises(ctx context.Context, customerID *string, overdueOnly bool, p Page) ([]*Promise, string, bool, error)
	// Timeline merges a customer's history, newest first.
	Timeline(ctx context.Context, customerID string, p Page) (*TimelinePage, error)
	// FindInteraction returns one visible interaction.
	FindInteraction(ctx context.Context, id string) (*Interaction, error)
}
