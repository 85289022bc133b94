package retain

import (
	"context"
	"time"
)

// Stage is a customer's place in the life cycle.
type Stage string

// Life-cycle stages.
const (
	StageProspect  Stage = "PROSPECT"
	StageActive    Stage = "ACTIVE"
	StageDormant   Stage = "DORMANT"
	StageSuspended Stage = "SUSPENDED"
	StageLost      Stage = "LOST"
	StageWonBack   Stage = "WON_BACK"
)

// Stages lists every stage.
var Stages = []Stage{StageProspect, StageActive, StageDormant, StageSuspended, StageLost, StageWonBack}

// Tier is a customer's value class: three kinds of key account plus standard
// and marginal ("chicken-rib") customers.
type Tier string

// Value tiers.
const (
	TierTKA      Tier = "TKA"
	TierPKA      Tier = "PKA"
	TierIKA      Tier = "IKA"
	TierStandard Tier = "STANDARD"
	TierMarginal Tier = "MARGINAL"
)

// Tiers lists every tier.
var Tiers = []Tier{TierTKA, TierPKA, TierIKA, TierStandard, TierMarginal}

// IsKeyAccount reports whether the tier is one of the key-account tiers.
func (t Tier) IsKeyAccount() bool { return t == TierTKA || t == TierPKA || t == TierIKA }

// RiskLevel buckets a risk score.
type RiskLevel string

// Risk levels, from healthy to critical.
const (
	RiskHealthy  RiskLevel = "HEALTHY"
	RiskWatch    RiskLevel = "WATCH"
	RiskAtRisk   RiskLevel = "AT_RISK"
	RiskCritical RiskLevel = "CRITICAL"
)

// RiskLevels lists every level.
var RiskLevels = []RiskLevel{RiskHealthy, RiskWatch, RiskAtRisk, RiskCritical}

// RiskFactor is one explained contribution to a risk score. Message is a
// catalog key and Params fill its placeholders, so clients can render it in
// their own language.
type RiskFactor struct {
	Key     string            `json:"key"`
	Points  int               `json:"points"`
	Message string            `json:"message"`
	Params  map[string]string `json:"params"`
}

// Customer is a person or company the team keeps, across its whole life cycle.
type Customer struct {
	ID                 string         `bun:",pk,type:uuid"`
	WorkspaceID        string         `bun:",type:uuid"`
	ExternalID         *string        `bun:""`
	Name               string         `bun:""`
	Company            string         `bun:""`
	Email              string         `bun:""`
	Phone              string         `bun:""`
	City               string         `bun:""`
	Industry           string         `bun:""`
	Stage              Stage          `bun:""`
	Tier               Tier           `bun:""`
	Potential          string         `bun:""`
	OwnerID            string         `bun:",type:uuid"`
	BackupOwnerID      *string        `bun:",type:uuid"`
	RelationshipTypeID string         `bun:",type:uuid"`
	ReferredByID       *string        `bun:",type:uuid"`
	Tags               []string       `bun:",array"`
	Details            map[string]any `bun:",type:jsonb"`
	Preferences        map[string]any `bun:",type:jsonb"`
	AnnualRevenue      float64        `bun:""`
	AcquisitionCost    float64        `bun:""`
	Satisfaction       *int           `bun:""`
	OwnerDeparted      bool           `bun:""`
	LastContactAt      *time.Time     `bun:""`
	RiskScore          int            `bun:""`
	RiskLevel          RiskLevel      `bun:""`
	RiskFactors        []RiskFactor   `bun:",type:jsonb"`
	RiskUpdatedAt      *time.Time     `bun:""`
	// AlertedLevel is the highest level alerted for and not yet cleared.
	AlertedLevel RiskLevel  `bun:""`
	Version      int        `bun:""`
	CreatedAt    time.Time  `bun:""`
	UpdatedAt    time.Time  `bun:""`
	ArchivedAt   *time.Time `bun:""`
}

// CustomerOrder is a sort order for customer lists.
type CustomerOrder string

// Sort orders. Each is a total order (ties broken by id) so keyset
// pagination never skips or repeats rows.
const (
	OrderRiskDesc       CustomerOrder = "RISK_DESC"
	OrderNameAsc        CustomerOrder = "NAME_ASC"
	OrderUpdatedDesc    CustomerOrder = "UPDATED_DESC"
	OrderLastContactAsc CustomerOrder = "LAST_CONTACT_ASC"
	OrderCreatedDesc    CustomerOrder = "CREATED_DESC"
)

// CustomerFilter narrows a customer list. Empty fields do not filter.
type CustomerFilter struct {
	Stages              []Stage
	Tiers               []Tier
	RiskLevels          []RiskLevel
	OwnerIDs            []string
	RelationshipTypeIDs []string
	Tag                 string
	// Search matches names, company, email, phone and contacts, by substring,
	// so Chinese text without word boundaries works.
	Search        string
	OwnerDeparted *bool
	// IncludeArchived also lists archived customers.
	IncludeArchived bool
}

// Page asks for a slice of a list: First rows after the opaque cursor After.
type Page struct {
	First int
	After string
}

// MaxPageSize caps every list page.
const MaxPageSize = 100

// Normalize rejects out-of-range sizes. The API supplies the default page
// size; an explicit 0 (or null) is a mistake, not a request for the default.
func (p Page) Normalize() (Page, error) {
	if p.First < 1 || p.First > MaxPageSize {
		return p, Invalid("first", "first must be between 1 and %d", MaxPageSize)
	}
	return p, nil
}

// CustomerPage is one page of customers with the cursor of each row.
type CustomerPage struct {
	Customers   []*Customer
	Cursors     []string
	HasNextPage bool
	// Count returns the total number of matching customers; it runs only when asked.
	Count func(ctx context.Context) (int, error)
	// Owners, RelationshipTypes and OpenComplaints hold, by id, what the
	// caller's CustomerFields asked the page to fetch with it; nil when not asked.
	Owners            map[string]*User
	RelationshipTypes map[string]*RelationshipType
	OpenComplaints    map[string]int
}

// CustomerFields names the parts of a listed customer the caller will read
// beyond its plain columns. A list fetches the named parts with the page, in
// a fixed number of statements, and leaves out the columns nobody asked for:
// decoding unread JSON documents was a third of a list page's CPU.
type CustomerFields struct {
	// Fields names, by Go name, the Customer fields the caller reads; nil
	// means all of them. A list leaves the other columns unread.
	Fields []string
	// Owners are owners and backup owners.
	Owners              bool
	RelationshipTypes   bool
	OpenComplaintCounts bool
}

// CustomerInput creates a customer.
type CustomerInput struct {
	ExternalID         *string
	Name               string
	Company            string
	Email              string
	Phone              string
	City               string
	Industry           string
	Stage              Stage
	Tier               Tier
	Potential          string
	OwnerID            string
	BackupOwnerID      *string
	RelationshipTypeID string
	ReferredByID       *string
	Tags               []string
	Details            map[string]any
	Preferences        map[string]any
	AnnualRevenue      float64
	AcquisitionCost    float64
}

// CustomerPatch changes some fields of a customer. Version must be the
// version the client read; a stale version is rejected with ECONFLICT.
type CustomerPatch struct {
	Version            int
	ExternalID         *string
	Name               *string
	Company            *string
	Email              *string
	Phone              *string
	City               *string
	Industry           *string
	Tier               *Tier
	Potential          *string
	RelationshipTypeID *string
	// Tags replaces the tag list when not nil.
	Tags            []string
	Details         map[string]any
	Preferences     map[string]any
	AnnualRevenue   *float64
	AcquisitionCost *float64
	Satisfaction    *int
}

// CustomerService manages customers. Every method applies the actor's
// visibility: a customer the actor may not see is ENOTFOUND.
type CustomerService interface {
	// FindCustomer returns a visible customer by id (ENOTFOUND otherwise).
	FindCustomer(ctx context.Context, id string) (*Customer, error)
	// FindCustomersByIDs returns the visible customers among ids, for batching.
	FindCustomersByIDs(ctx context.Context, ids []string) (map[string]*Customer, error)
	// FindCustomers lists visible customers (EINVALID for a bad filter or cursor).
	FindCustomers(ctx context.Context, f CustomerFilter, order CustomerOrder, p Page, want CustomerFields) (*CustomerPage, error)
	// CreateCustomer validates and stores a new customer (EINVALID, ECONFLICT on a duplicate external id).
	CreateCustomer(ctx context.Context, in CustomerInput) (*Customer, error)
	// UpdateCustomer applies a patch (EINVALID, ENOTFOUND, ECONFLICT).
	UpdateCustomer(ctx context.Context, id string, p CustomerPatch) (*Customer, error)
	// ArchiveCustomer soft-deletes a customer (ENOTFOUND, ECONFLICT).
	ArchiveCustomer(ctx context.Context, id string, version int) (*Customer, error)
	// ReassignCustomers moves customers to a new owner and/or backup owner.
	ReassignCustomers(ctx context.Context, ids []string, ownerID string, backupOwnerID *string) ([]*Customer, error)
	// CountOpenComplaints returns the open complaint count of each customer id.
	CountOpenComplaints(ctx context.Context, customerIDs []string) (map[string]int, error)
}
