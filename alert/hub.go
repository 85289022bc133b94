// Package alert fans live events (new alerts, changed risk scores) out to the
// subscribers of one server process. Events reach it from the database bus;
// it checks visibility for every event and subscriber, so a customer
// reassigned away stops reaching its old owner at once.
package alert

import (
	"sync"
	"sync/atomic"

	"github.com/retain-crm/retain"
)

// Event is one thing that happened to a customer, with the customer's
// ownership as of publishing.
type Event struct {
	Ownership retain.Ownership
	// Alert is set for a new alert.
	Alert *retain.Alert
	// Customer is set for a changed risk score.
	Customer *retain.Customer
	// memo is shared by the subscribers this event reaches (set by Publish).
	memo *Memo
}

// Memo returns what the subscribers of this event share; nil outside
// Publish.
func (e *Event) Memo() *Memo { return e.memo }

// Filter narrows what a subscription receives.
type Filter struct {
	// CustomerID limits events to one customer.
	CustomerID string
	// Kinds limits alerts to these kinds (empty: all).
	Kinds []retain.AlertKind
	// MinLevel drops alerts whose level after is below it.
	MinLevel retain.RiskLevel
	// Alerts and Risk select the event kinds wanted.
	Alerts, Risk bool
}

func levelRank(l retain.RiskLevel) int {
	for i, x := range retain.RiskLevels {
		if x == l {
			return i
		}
	}
	return 0
}

func (f *Filter) match(e *Event) bool {
	if f.CustomerID != "" && f.CustomerID != e.Ownership.CustomerID() {
		return false
	}
	if e.Alert != nil {
		if !f.Alerts {
			return false
		}
		if len(f.Kinds) > 0 {
			ok := false
			for _, k := range f.Kinds {
				ok = ok || k == e.Alert.Kind
			}
			if !ok {
				return false
			}
		}
		return f.MinLevel == "" || levelRank(e.Alert.LevelAfter) >= levelRank(f.MinLevel)
	}
	return f.Risk && e.Customer != nil
}

// Subscription receives matching events through its deliver function until
// Close.
type Subscription struct {
	// deliver hands over one event without blocking; false means the
	// subscriber could not take it. The event must not be kept.
	deliver func(*Event) bool
	actor   *retain.Actor
	filter  Filter
	hub     *Hub
	once    sync.Once
	// dropped counts events lost because the subscriber was too slow.
	dropped atomic.Int64
}

// Dropped returns how many events the subscriber missed by being too slow.
func (s *Subscription) Dropped() int64 { return s.dropped.Load() }

// Hub is the in-process fan-out.
type Hub struct {
	mu   sync.RWMutex
	subs map[*Subscription]struct{}
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: map[*Subscription]struct{}{}}
}

// Subscribe registers a subscriber acting as a. deliver runs on the
// publisher's goroutine and must not block; it is never called once Close
// has returned.
func (h *Hub) Subscribe(a *retain.Actor, f Filter, deliver func(*Event) bool) *Subscription {
	s := &Subscription{deliver: deliver, actor: a, filter: f, hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Close unregisters the subscription.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.hub.mu.Lock()
		delete(s.hub.subs, s)
		s.hub.mu.Unlock()
	})
}

// Len returns the number of subscriptions.
func (h *Hub) Len() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs)
}

// Publish delivers events to every subscriber allowed to see them. It never
// blocks: a subscriber that cannot take an event rather than slowing
// everyone down is counted in Dropped, and its driver decides what follows
// (the websocket transport closes the socket, so the client reconnects and
// catches up through the alerts query).
func (h *Hub) Publish(events []Event) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for i := range events {
		e := &events[i]
		e.memo = &Memo{}
		for s := range h.subs {
			if !s.filter.match(e) || !s.actor.CanSee(e.Ownership) {
				continue
			}
			if !s.deliver(e) {
				s.dropped.Add(1)
			}
		}
	}
}
