package retain

import (
	"context"
	"time"
)

// ComplaintStatus is a complaint's place in its state machine.
type ComplaintStatus string

// Complaint statuses.
const (
	ComplaintOpen         ComplaintStatus = "OPEN"
	ComplaintAcknowledged ComplaintStatus = "ACKNOWLEDGED"
	ComplaintRemediating  ComplaintStatus = "REMEDIATING"
	ComplaintResolved     ComplaintStatus = "RESOLVED"
	ComplaintClosed       ComplaintStatus = "CLOSED"
)

// IsOpen reports whether the complaint still needs work.
func (s ComplaintStatus) IsOpen() bool {
	return s == ComplaintOpen || s == ComplaintAcknowledged || s == ComplaintRemediating
}

// complaintTransitions is the state machine: open → acknowledged →
// remediating → resolved → closed, and reopen from resolved or closed.
// Every step is taken on purpose, so the record shows when the customer got
// an answer and when the fix began.
var complaintTransitions = map[ComplaintStatus][]ComplaintStatus{
	ComplaintOpen:         {ComplaintAcknowledged},
	ComplaintAcknowledged: {ComplaintRemediating},
	ComplaintRemediating:  {ComplaintResolved},
	ComplaintResolved:     {ComplaintClosed, ComplaintOpen},
	ComplaintClosed:       {ComplaintOpen},
}

// CanTransition reports whether the state machine allows from → to.
func (s ComplaintStatus) CanTransition(to ComplaintStatus) bool {
	for _, t := range complaintTransitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// Category classifies a complaint.
type Category string

// Complaint categories.
const (
	CategoryQuality         Category = "QUALITY"
	CategoryDelivery        Category = "DELIVERY"
	CategoryBilling         Category = "BILLING"
	CategoryServiceAttitude Category = "SERVICE_ATTITUDE"
	CategoryBrokenPromise   Category = "BROKEN_PROMISE"
	CategoryPrice           Category = "PRICE"
	CategoryOther           Category = "OTHER"
)

// Severity grades a complaint.
type Severity string

// Severities.
const (
	SeverityLow      Severity = "LOW"
	SeverityMedium   Severity = "MEDIUM"
	SeverityHigh     Severity = "HIGH"
	SeverityCritical Severity = "CRITICAL"
)

// ResponseDeadline is when a complaint must be answered: the contract's SLA,
// shortened for severe complaints (high: half, critical: a quarter), never
// under one hour.
func ResponseDeadline(opened time.Time, slaHours int, sev Severity) time.Time {
	d := time.Duration(slaHours) * time.Hour
	switch sev {
	case SeverityHigh:
		d /= 2
	case SeverityCritical:
		d /= 4
	}
	return opened.Add(max(d, time.Hour))
}

// Complaint is a customer's complaint and its handling.
type Complaint struct {
	ID               string          `bun:",pk,type:uuid"`
	WorkspaceID      string          `bun:",type:uuid"`
	CustomerID       string          `bun:",type:uuid"`
	OwnerID          string          `bun:",type:uuid"`
	Category         Category        `bun:""`
	Severity         Severity        `bun:""`
	Channel          Channel         `bun:""`
	Description      string          `bun:""`
	Status           ComplaintStatus `bun:""`
	OpenedAt         time.Time       `bun:""`
	ResponseDueAt    time.Time       `bun:""`
	AcknowledgedAt   *time.Time      `bun:""`
	ResolvedAt       *time.Time      `bun:""`
	ClosedAt         *time.Time      `bun:""`
	EscalatedToID    *string         `bun:",type:uuid"`
	EscalatedAt      *time.Time      `bun:""`
	RootCause        string          `bun:""`
	PreventionAction string          `bun:""`
	Satisfaction     *int            `bun:""`
	ReopenCount      int             `bun:""`
	Version          int             `bun:""`
	CreatedAt        time.Time       `bun:""`
	UpdatedAt        time.Time       `bun:""`
}

// DeadlineBreached reports whether the response deadline was (or, unanswered,
// now is) missed; it is right even if nobody touched the complaint.
func (c *Complaint) DeadlineBreached(now time.Time) bool {
	if c.AcknowledgedAt != nil {
		return c.AcknowledgedAt.After(c.ResponseDueAt)
	}
	return now.After(c.ResponseDueAt)
}

// BreachedAt returns when the deadline was breached, or nil.
func (c *Complaint) BreachedAt(now time.Time) *time.Time {
	if c.DeadlineBreached(now) {
		t := c.ResponseDueAt
		return &t
	}
	return nil
}

// ComplaintInput opens a complaint.
type ComplaintInput struct {
	CustomerID  string
	Category    Category
	Severity    Severity
	Channel     Channel
	Description string
	// OwnerID defaults to the customer's owner.
	OwnerID *string
	// OpenedAt defaults to now (integrations may backdate by up to 30 days).
	OpenedAt *time.Time
}

// Validate checks the input.
func (in *ComplaintInput) Validate(now time.Time) error {
	var err error
	if !ValidID(in.CustomerID) {
		return NotFound("customer")
	}
	switch in.Category {
	case CategoryQuality, CategoryDelivery, CategoryBilling, CategoryServiceAttitude, CategoryBrokenPromise, CategoryPrice, CategoryOther:
	default:
		return Invalid("input.category", "unknown category")
	}
	switch in.Severity {
	case SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
	default:
		return Invalid("input.severity", "unknown severity")
	}
	if in.Channel == "" {
		in.Channel = ChannelCall
	}
	if !in.Channel.Valid() {
		return Invalid("input.channel", "unknown channel")
	}
	if in.Description, err = CheckText("input.description", in.Description, 1, 5000); err != nil {
		return err
	}
	if in.OpenedAt == nil {
		in.OpenedAt = &now
	}
	if err := CheckTime("input.openedAt", *in.OpenedAt, now.AddDate(0, 0, -30), now.Add(time.Minute)); err != nil {
		return err
	}
	if in.OwnerID != nil {
		if _, err := CheckID("input.ownerId", *in.OwnerID); err != nil {
			return err
		}
	}
	return nil
}

// ComplaintTransition moves a complaint through its state machine.
type ComplaintTransition struct {
	Version int
	To      ComplaintStatus
	// RootCause and PreventionAction are required to close.
	RootCause        string
	PreventionAction string
	// Satisfaction (1–5) is the customer's rating after resolution.
	Satisfaction *int
	Note         string
}

// ComplaintFilter narrows the complaint list.
type ComplaintFilter struct {
	CustomerID *string
	Statuses   []ComplaintStatus
	Severities []Severity
	// Breached keeps complaints whose response deadline was missed.
	Breached *bool
	OwnerID  *string
}

// StepStatus is where a remediation step stands.
type StepStatus string

// Step statuses.
const (
	StepPending StepStatus = "PENDING"
	StepDone    StepStatus = "DONE"
	StepSkipped StepStatus = "SKIPPED"
)

// RemediationStep is one step of a recovery (for a complaint) or a win-back
// (for a lost customer).
type RemediationStep struct {
	ID          string     `bun:",pk,type:uuid"`
	WorkspaceID string     `bun:",type:uuid"`
	CustomerID  string     `bun:",type:uuid"`
	ComplaintID *string    `bun:",type:uuid"`
	PlaybookID  *string    `bun:",type:uuid"`
	Position    int        `bun:""`
	Kind        StepKind   `bun:""`
	Title       string     `bun:""`
	AssigneeID  *string    `bun:",type:uuid"`
	DueAt       time.Time  `bun:""`
	Status      StepStatus `bun:""`
	SkipReason  string     `bun:""`
	Cost        float64    `bun:""`
	Notes       string     `bun:""`
	CompletedAt *time.Time `bun:""`
	Version     int        `bun:""`
	CreatedAt   time.Time  `bun:""`
	UpdatedAt   time.Time  `bun:""`
}

// StepKind is what a remediation or playbook step does.
type StepKind string

// StepKinds lists the kinds of remediation and playbook steps: the seven
// recovery steps, the five win-back steps, and OTHER.
var StepKinds = []StepKind{"APOLOGISE", "ASK_REMEDY", "COMPENSATE", "ESCALATE", "CORRECT", "CARE", "ACCOUNTABILITY",
	"CONTACT", "LISTEN", "PLAN", "FULFIL", "FIX_DEFECT", "OTHER"}

// AssigneeRole says who a playbook step goes to: the customer's owner, the
// owner's manager, or the complaint's service owner.
type AssigneeRole string

// ValidStepKind reports whether k is a known step kind.
func ValidStepKind(k StepKind) bool {
	for _, s := range StepKinds {
		if s == k {
			return true
		}
	}
	return false
}

// StepInput adds a step by hand.
type StepInput struct {
	ComplaintID *string
	CustomerID  *string
	Kind        StepKind
	Title       string
	AssigneeID  *string
	DueAt       time.Time
	Cost        float64
	Notes       string
}

// StepUpdate completes, skips or edits a step.
type StepUpdate struct {
	Version    int
	Status     *StepStatus
	SkipReason *string
	Cost       *float64
	Notes      *string
	AssigneeID *string
	DueAt      *time.Time
}

// Playbook is an editable, ordered list of step templates.
type Playbook struct {
	ID          string          `bun:",pk,type:uuid"`
	WorkspaceID string          `bun:",type:uuid"`
	Code        string          `bun:""`
	Name        string          `bun:""`
	Purpose     string          `bun:""`
	Version     int             `bun:""`
	CreatedAt   time.Time       `bun:""`
	UpdatedAt   time.Time       `bun:""`
	Steps       []*PlaybookStep `bun:"-"`
}

// PlaybookStep is a step template.
type PlaybookStep struct {
	ID                  string       `bun:",pk,type:uuid"`
	WorkspaceID         string       `bun:",type:uuid"`
	PlaybookID          string       `bun:",type:uuid"`
	Position            int          `bun:""`
	Kind                StepKind     `bun:""`
	Title               string       `bun:""`
	DueOffsetHours      int          `bun:""`
	DefaultAssigneeRole AssigneeRole `bun:""`
}

// PlaybookStepInput is one template in a playbook edit.
type PlaybookStepInput struct {
	Kind                StepKind
	Title               string
	DueOffsetHours      int
	DefaultAssigneeRole AssigneeRole
}

// ComplaintService handles complaints, remediation steps and playbooks.
type ComplaintService interface {
	OpenComplaint(ctx context.Context, in ComplaintInput) (*Complaint, error)
	FindComplaint(ctx context.Context, id string) (*Complaint, error)
	FindComplaints(ctx context.Context, f ComplaintFilter, p Page) ([]*Complaint, []string, bool, error)
	TransitionComplaint(ctx context.Context, id string, t ComplaintTransition) (*Complaint, error)
	EscalateComplaint(ctx context.Context, id string, version int, managerID *string, note string) (*Complaint, error)
	// StepsOf returns the steps of complaints (by complaint id), for batching.
	StepsOf(ctx context.Context, complaintIDs []string) (map[string][]*RemediationStep, error)
	WinBackSteps(ctx context.Context, customerIDs []string) (map[string][]*RemediationStep, error)
	ApplyPlaybook(ctx context.Context, playbookID string, complaintID, customerID *string) ([]*RemediationStep, error)
	AddStep(ctx context.Context, in StepInput) (*RemediationStep, error)
	UpdateStep(ctx context.Context, id string, u StepUpdate) (*RemediationStep, error)
	ReorderSteps(ctx context.Context, stepIDs []string) ([]*RemediationStep, error)
	FindPlaybooks(ctx context.Context) ([]*Playbook, error)
	UpdatePlaybook(ctx context.Context, id string, version int, name string, steps []PlaybookStepInput) (*Playbook, error)
}
