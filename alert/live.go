package alert

import (
	"context"

	"github.com/retain-crm/retain"
)

// Live serves subscriptions from the hub.
type Live struct {
	Hub       *Hub
	Customers retain.CustomerService
}

// AlertRaised streams new alerts the actor may see until ctx ends.
func (l *Live) AlertRaised(ctx context.Context, f Filter) (<-chan *retain.Alert, error) {
	a := retain.ActorFrom(ctx)
	if err := retain.Authorize(a, retain.ActionReadAlerts); err != nil {
		return nil, err
	}
	f.Alerts = true
	return stream(ctx, l.Hub, a, f, func(e Event) *retain.Alert { return e.Alert }), nil
}

// CustomerRiskChanged streams a visible customer each time its risk changes.
func (l *Live) CustomerRiskChanged(ctx context.Context, customerID string) (<-chan *retain.Customer, error) {
	a := retain.ActorFrom(ctx)
	if _, err := l.Customers.FindCustomer(ctx, customerID); err != nil {
		return nil, err
	}
	return stream(ctx, l.Hub, a, Filter{CustomerID: customerID, Risk: true}, func(e Event) *retain.Customer { return e.Customer }), nil
}

// stream subscribes to the hub and returns a channel of the picked values,
// closed when ctx ends. It needs no goroutine of its own while idle — an idle
// subscription costs a channel and a closure — which keeps thousands of
// open sockets cheap.
func stream[T any](ctx context.Context, h *Hub, a *retain.Actor, f Filter, pick func(Event) *T) <-chan *T {
	out := make(chan *T, 16)
	sub := h.Subscribe(a, f, func(e Event) bool {
		v := pick(e)
		if v == nil {
			return true
		}
		select {
		case out <- v:
			return true
		default:
			return false
		}
	})
	context.AfterFunc(ctx, func() {
		// After Close no delivery is running or will start, so closing is safe.
		sub.Close()
		close(out)
	})
	return out
}
