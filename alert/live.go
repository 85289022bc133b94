package alert

import (
	"context"
	"sync"

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
	return stream(ctx, l.Hub, a, f, func(e *Event) *retain.Alert { return e.Alert }), nil
}

// CustomerRiskChanged streams a visible customer each time its risk changes.
func (l *Live) CustomerRiskChanged(ctx context.Context, customerID string) (<-chan *retain.Customer, error) {
	a := retain.ActorFrom(ctx)
	// When rendering an event the hub has just checked, with the customer's
	// current ownership, that the actor may see it.
	if ctx.Value(eventKey{}) == nil {
		if _, err := l.Customers.FindCustomer(ctx, customerID); err != nil {
			return nil, err
		}
	}
	return stream(ctx, l.Hub, a, Filter{CustomerID: customerID, Risk: true}, func(e *Event) *retain.Customer { return e.Customer }), nil
}

// A Driver takes over a subscription whose resolver runs under WithDriver:
// the websocket transport, so that an idle subscription holds neither a
// goroutine nor the executed operation — only the hub's registration and
// what the driver keeps to render an event.
//
// The resolver then registers with the hub and hands the driver the
// function that ends the registration; the hub hands each event the
// subscriber may see to Deliver. To render an event the driver executes
// the operation again under WithEvent, where the resolver's stream yields
// that one event and registers nothing.
type Driver interface {
	// Subscribed is called once, while the resolver runs, with the function
	// that unregisters the subscription; no Deliver starts after it returns.
	Subscribed(stop func())
	// Deliver queues one value for the subscriber, with the memo the
	// event's subscribers share. It runs on the publisher's goroutine and
	// must not block; false means the value was dropped (the subscriber is
	// too far behind).
	Deliver(v any, m *Memo) bool
}

type driverKey struct{}

type eventKey struct{}

// WithDriver returns ctx under which a stream resolver registers with the
// hub for d, which then delivers (see Driver).
func WithDriver(ctx context.Context, d Driver) context.Context {
	return context.WithValue(ctx, driverKey{}, d)
}

// WithEvent returns ctx under which a stream resolver yields v, a value the
// driver was delivered, and ends, without registering anything.
func WithEvent(ctx context.Context, v any) context.Context {
	return context.WithValue(ctx, eventKey{}, v)
}

// pipe is a stream's channel with a close that a concurrent send cannot
// race into a send on a closed channel.
type pipe[T any] struct {
	mu     sync.Mutex
	ch     chan *T
	closed bool
}

func (p *pipe[T]) send(v *T) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	select {
	case p.ch <- v:
		return true
	default:
		return false
	}
}

func (p *pipe[T]) close() {
	p.mu.Lock()
	p.closed = true
	close(p.ch)
	p.mu.Unlock()
}

// streamBuffer is how many events a stream without a driver holds for a
// slow reader (pointers, 8 bytes each).
const streamBuffer = 16

// stream subscribes to the hub and returns a channel of the picked values.
// It needs no goroutine of its own. Under WithEvent it yields that event
// only; under WithDriver the driver receives the values and ends the
// subscription; otherwise the hub sends into a small buffer, and the
// subscription and channel end with ctx.
func stream[T any](ctx context.Context, h *Hub, a *retain.Actor, f Filter, pick func(*Event) *T) <-chan *T {
	if v := ctx.Value(eventKey{}); v != nil {
		ch := make(chan *T, 1)
		if t, ok := v.(*T); ok {
			ch <- t
		}
		close(ch)
		return ch
	}
	if d, ok := ctx.Value(driverKey{}).(Driver); ok {
		sub := h.Subscribe(a, f, func(e *Event) bool {
			v := pick(e)
			return v == nil || d.Deliver(v, e.memo)
		})
		d.Subscribed(sub.Close)
		// The operation that asked is not read from: the driver renders
		// each event by executing it again (see Driver).
		return make(chan *T)
	}
	p := &pipe[T]{ch: make(chan *T, streamBuffer)}
	sub := h.Subscribe(a, f, func(e *Event) bool {
		v := pick(e)
		return v == nil || p.send(v)
	})
	context.AfterFunc(ctx, func() {
		// After Close no delivery is running or will start.
		sub.Close()
		p.close()
	})
	return p.ch
}
