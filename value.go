package retain

import (
	"context"
	"time"
)

// OrderKind distinguishes sales from returns.
type OrderKind string

// Order kinds.
const (
	KindOrder  OrderKind = "ORDER"
	KindReturn OrderKind = "RETURN"
)

// Order is a sale or a return, usually pushed by the ERP.
type Order struct {
	ID          string    `bun:",pk,type:uuid"`
	WorkspaceID string    `bun:",type:uuid"`
	CustomerID  string    `bun:",type:uuid"`
	ExternalID  *string   `bun:""`
	Kind        OrderKind `bun:""`
	Amount      float64   `bun:""`
	Cost        float64   `bun:""`
	Discount    float64   `bun:""`
	OrderedAt   time.Time `bun:""`
	CreatedAt   time.Time `bun:""`
}

// OrderInput records an order or return.
type OrderInput struct {
	CustomerID string
	ExternalID *string
	Kind       OrderKind
	Amount     float64
	Cost       float64
	Discount   float64
	OrderedAt  time.Time
}

// Validate checks amounts and dates: up to 10 years back and at most a day
// ahead, since an ERP in another time zone may date an order tomorrow.
func (in *OrderInput) Validate(now time.Time) error {
	if !ValidID(in.CustomerID) {
		return NotFound("customer")
	}
	if in.Kind == "" {
		in.Kind = KindOrder
	}
	if in.Kind != KindOrder && in.Kind != KindReturn {
		return Invalid("input.kind", "unknown kind")
	}
	for _, m := range []struct {
		f string
		v float64
	}{{"input.amount", in.Amount}, {"input.cost", in.Cost}, {"input.discount", in.Discount}} {
		if err := CheckMoney(m.f, m.v); err != nil {
			return err
		}
	}
	if in.OrderedAt.IsZero() {
		in.OrderedAt = now
	}
	if err := CheckTime("input.orderedAt", in.OrderedAt, now.AddDate(-10, 0, 0), now.Add(24*time.Hour)); err != nil {
		return err
	}
	if in.ExternalID != nil {
		v, err := CheckText("input.externalId", *in.ExternalID, 1, 100)
		if err != nil {
			return err
		}
		in.ExternalID = &v
	}
	return nil
}

// ServiceHourCost values an hour of logged service time in cost to serve.
const ServiceHourCost = 80.0

// Profit is a customer's economics over the trailing 12 months.
type Profit struct {
	CustomerID string
	Revenue    float64
	// Returns is the value of returned goods.
	Returns     float64
	GrossMargin float64
	// CostToServe adds compensation, discounts and service time.
	CostToServe  float64
	Compensation float64
	Discounts    float64
	ServiceHours float64
	Profit       float64
	ReturnRate   float64
}

// ParetoPoint is one point of the cumulative profit curve.
type ParetoPoint struct {
	CustomerShare float64
	ProfitShare   float64
}

// TierProfit compares a value tier with the profit its customers really make.
type TierProfit struct {
	Tier           Tier
	Customers      int
	Revenue        float64
	Profit         float64
	NegativeProfit int
}

// ProfitOverview is the workspace-wide value analysis.
type ProfitOverview struct {
	Customers int
	// TopShare is the share of total profit the top 20 % of customers bring.
	TopShare float64
	Pareto   []ParetoPoint
	Tiers    []TierProfit
	// NegativeCount is the number of customers who cost more than they bring.
	NegativeCount int
}

// ValueService records orders and analyses customer profit.
type ValueService interface {
	RecordOrder(ctx context.Context, in OrderInput) (*Order, error)
	FindOrders(ctx context.Context, customerID string, p Page) ([]*Order, []string, bool, error)
	// ProfitOf computes trailing-12-month profit of visible customers.
	ProfitOf(ctx context.Context, customerIDs []string) (map[string]*Profit, error)
	ProfitOverview(ctx context.Context) (*ProfitOverview, error)
	// NegativeProfitCustomers lists visible customers whose profit is below zero, worst first.
	NegativeProfitCustomers(ctx context.Context, limit int) ([]*Profit, error)
}
