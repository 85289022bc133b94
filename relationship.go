package retain

import (
	"context"
	"time"
)

// RiskWeights are the maximum points each risk signal may contribute. In a
// relationship type a nil field inherits the workspace default.
type RiskWeights struct {
	ContactOverdue     *int `json:"contactOverdue,omitempty"`
	OpenComplaints     *int `json:"openComplaints,omitempty"`
	BreachedDeadlines  *int `json:"breachedDeadlines,omitempty"`
	BrokenPromises     *int `json:"brokenPromises,omitempty"`
	Sentiment          *int `json:"sentiment,omitempty"`
	OrderDecline       *int `json:"orderDecline,omitempty"`
	Returns            *int `json:"returns,omitempty"`
	Competitor         *int `json:"competitor,omitempty"`
	OwnerRisk          *int `json:"ownerRisk,omitempty"`
	RemediationOverdue *int `json:"remediationOverdue,omitempty"`
}

// Validate checks every set weight is within 0..100.
func (w RiskWeights) Validate(field string) error {
	for name, v := range map[string]*int{
		"contactOverdue": w.ContactOverdue, "openComplaints": w.OpenComplaints,
		"breachedDeadlines": w.BreachedDeadlines, "brokenPromises": w.BrokenPromises,
		"sentiment": w.Sentiment, "orderDecline": w.OrderDecline, "returns": w.Returns,
		"competitor": w.Competitor, "ownerRisk": w.OwnerRisk, "remediationOverdue": w.RemediationOverdue,
	} {
		if v != nil && (*v < 0 || *v > 100) {
			return Invalid(field+"."+name, "a weight must be between 0 and 100")
		}
	}
	return nil
}

// RelationshipType is a kind of relationship (friendship, partnership, best
// customer, transactional, reference…) with its contract: what to do, what
// never to do, how often to make contact, how fast to answer a complaint.
type RelationshipType struct {
	ID                 string      `bun:",pk,type:uuid"`
	WorkspaceID        string      `bun:",type:uuid"`
	Name               string      `bun:""`
	Description        string      `bun:""`
	ContactCadenceDays int         `bun:""`
	ComplaintSLAHours  int         `bun:"complaint_sla_hours"`
	Dos                []string    `bun:",array"`
	Donts              []string    `bun:",array"`
	BenefitBudget      float64     `bun:""`
	RiskWeights        RiskWeights `bun:",type:jsonb"`
	Version            int         `bun:""`
	CreatedAt          time.Time   `bun:""`
	UpdatedAt          time.Time   `bun:""`
}

// RelationshipTypeInput creates or (with Version) updates a relationship type.
type RelationshipTypeInput struct {
	Name               string
	Description        string
	ContactCadenceDays int
	ComplaintSLAHours  int
	Dos                []string
	Donts              []string
	BenefitBudget      float64
	RiskWeights        RiskWeights
}

// Validate normalises the input and reports the first invalid field.
func (in *RelationshipTypeInput) Validate() error {
	var err error
	if in.Name, err = CheckText("input.name", in.Name, 1, 100); err != nil {
		return err
	}
	if in.Description, err = CheckText("input.description", in.Description, 0, 2000); err != nil {
		return err
	}
	if in.ContactCadenceDays < 1 || in.ContactCadenceDays > 365 {
		return Invalid("input.contactCadenceDays", "contact cadence must be between 1 and 365 days")
	}
	if in.ComplaintSLAHours < 1 || in.ComplaintSLAHours > 720 {
		return Invalid("input.complaintSlaHours", "complaint response SLA must be between 1 and 720 hours")
	}
	for _, l := range []struct {
		field string
		list  *[]string
	}{{"input.dos", &in.Dos}, {"input.donts", &in.Donts}} {
		if len(*l.list) > 30 {
			return Invalid(l.field, "at most 30 entries")
		}
		out := make([]string, 0, len(*l.list))
		for _, s := range *l.list {
			if s, err = CheckText(l.field, s, 1, 300); err != nil {
				return err
			}
			out = append(out, s)
		}
		*l.list = out
	}
	if err = CheckMoney("input.benefitBudget", in.BenefitBudget); err != nil {
		return err
	}
	return in.RiskWeights.Validate("input.riskWeights")
}

// RelationshipTypeService manages relationship types and their contracts.
type RelationshipTypeService interface {
	// FindRelationshipTypes lists the workspace's types.
	FindRelationshipTypes(ctx context.Context) ([]*RelationshipType, error)
	// FindRelationshipTypesByIDs returns types by id, for batching.
	FindRelationshipTypesByIDs(ctx context.Context, ids []string) (map[string]*RelationshipType, error)
	// CreateRelationshipType adds a type (admins and managers; ECONFLICT on a taken name).
	CreateRelationshipType(ctx context.Context, in RelationshipTypeInput) (*RelationshipType, error)
	// UpdateRelationshipType replaces a type's contract (ECONFLICT on a stale version).
	UpdateRelationshipType(ctx context.Context, id string, version int, in RelationshipTypeInput) (*RelationshipType, error)
	// CountCustomers counts the live customers the actor can see per type id.
	CountCustomers(ctx context.Context, typeIDs []string) (map[string]int, error)
}
