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
	return stream(ctx, l.Hub.Subscribe(a, f), func(e Event) *retain.Alert { return e.Alert }), nil
}

// CustomerRiskChanged streams a visible customer each time its risk changes.
func (l *Live) CustomerRiskChanged(ctx context.Context, customerID string) (<-chan *retain.Customer, error) {
	a := retain.ActorFrom(ctx)
	if _, err := l.Customers.FindCustomer(ctx, customerID); err != nil {
		return nil, err
	}
	return stream(ctx, l.Hub.Subscribe(a, Filter{CustomerID: customerID, Risk: true}), func(e Event) *retain.Customer { return e.Customer }), nil
}

// stream forwards a subscription's events until ctx ends, then unsubscribes.
func stream[T any](ctx context.Context, sub *Subscription, pick func(Event) *T) <-chan *T {
	out := make(chan *T, 1)
	go func() {
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-sub.C:
				v := pick(e)
				if v == nil {
					continue
				}
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}
