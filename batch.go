package retain

import (
	"context"
	"time"
)

// MaxBatchRows caps integration batches.
const MaxBatchRows = 1000

// RowError is why one row of a batch was rejected.
type RowError struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// RowResult is the outcome of one batch row.
type RowResult struct {
	Index      int       `json:"index"`
	ExternalID string    `json:"externalId"`
	ID         *string   `json:"id,omitempty"`
	Created    bool      `json:"created"`
	Error      *RowError `json:"error,omitempty"`
}

// BatchResult reports a batch. Batches are all-or-nothing: when any row is
// invalid, Applied is false, nothing was written, and the failing rows carry
// errors so the caller can fix them and send the batch again.
type BatchResult struct {
	Applied bool        `json:"applied"`
	Rows    []RowResult `json:"rows"`
	// Replayed is set when the result comes from an earlier call with the
	// same idempotency key.
	Replayed bool `json:"replayed"`
}

// CustomerUpsert is one row of an upsertCustomers batch, keyed by external id.
type CustomerUpsert struct {
	ExternalID         string
	Name               string
	Company            *string
	Email              *string
	Phone              *string
	City               *string
	Industry           *string
	Tier               *Tier
	OwnerID            *string
	RelationshipTypeID *string
	Tags               []string
	AnnualRevenue      *float64
}

// OrderUpsert is one row of an upsertOrders batch.
type OrderUpsert struct {
	ExternalID         string
	CustomerExternalID string
	Kind               OrderKind
	Amount             float64
	Cost               float64
	Discount           float64
	OrderedAt          time.Time
}

// InteractionImport is one row of a logInteractions batch; a row whose
// external id exists already is reported and not logged twice.
type InteractionImport struct {
	ExternalID         string
	CustomerExternalID string
	Channel            Channel
	Direction          Direction
	OccurredAt         time.Time
	Summary            string
	Sentiment          *int
	Competitor         string
	DurationMinutes    int
}

// BatchService applies integration batches keyed by external ids. A non-nil
// idempotency key makes a retried call return the first result; the same key
// with a different body is ECONFLICT.
type BatchService interface {
	UpsertCustomers(ctx context.Context, key *string, rows []CustomerUpsert) (*BatchResult, error)
	UpsertOrders(ctx context.Context, key *string, rows []OrderUpsert) (*BatchResult, error)
	LogInteractions(ctx context.Context, key *string, rows []InteractionImport) (*BatchResult, error)
}
