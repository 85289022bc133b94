package alert

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/retain-crm/retain"
)

func TestMemoRendersOncePerKey(t *testing.T) {
	m := &Memo{}
	var renders atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := m.Share([32]byte{1}, func() ([]byte, bool) {
				renders.Add(1)
				return []byte("payload"), true
			})
			if string(v) != "payload" {
				t.Errorf("got %q", v)
			}
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Fatalf("%d renders, want 1", n)
	}
	// Another key renders on its own; an unshared result is not reused.
	var private atomic.Int32
	for range 3 {
		m.Share([32]byte{2}, func() ([]byte, bool) { private.Add(1); return []byte("mine"), false })
	}
	if n := private.Load(); n != 3 {
		t.Fatalf("%d private renders, want 3", n)
	}
	// A nil result (the first caller's operation ended) is not kept either.
	if v := m.Share([32]byte{3}, func() ([]byte, bool) { return nil, true }); v != nil {
		t.Fatalf("got %q", v)
	}
	if v := m.Share([32]byte{3}, func() ([]byte, bool) { return []byte("again"), true }); string(v) != "again" {
		t.Fatalf("got %q", v)
	}
	var nilMemo *Memo
	if v := nilMemo.Share([32]byte{}, func() ([]byte, bool) { return []byte("x"), true }); string(v) != "x" {
		t.Fatalf("nil memo: got %q", v)
	}
}

type testDriver struct {
	mu    sync.Mutex
	stop  func()
	got   []any
	memos []*Memo
}

func (d *testDriver) Subscribed(stop func()) { d.stop = stop }

func (d *testDriver) Deliver(v any, m *Memo) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got = append(d.got, v)
	d.memos = append(d.memos, m)
	return true
}

func TestDrivenStream(t *testing.T) {
	h := NewHub()
	admin := &retain.Actor{WorkspaceID: "w1", UserID: "u1", Role: retain.RoleAdmin}
	live := &Live{Hub: h}
	d := &testDriver{}
	ctx, cancel := context.WithCancel(retain.WithActor(context.Background(), admin))
	ch, err := live.AlertRaised(WithDriver(ctx, d), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cancel() // a driven subscription does not end with the resolver's context
	if d.stop == nil || h.Len() != 1 {
		t.Fatalf("subscribed: stop %v, %d subscriptions", d.stop != nil, h.Len())
	}
	a1, a2 := &retain.Alert{ID: "a1"}, &retain.Alert{ID: "a2"}
	own := retain.Ownership{WorkspaceID: "w1", Customer: "c1", OwnerID: "u2"}
	h.Publish([]Event{{Ownership: own, Alert: a1}, {Ownership: own, Alert: a2}, {Ownership: retain.Ownership{WorkspaceID: "w2", Customer: "c9", OwnerID: "u9"}, Alert: &retain.Alert{ID: "other"}}})
	if len(d.got) != 2 || d.got[0] != any(a1) || d.got[1] != any(a2) {
		t.Fatalf("delivered %v, want a1, a2 (not another workspace's)", d.got)
	}
	if d.memos[0] == nil || d.memos[0] == d.memos[1] {
		t.Fatal("each event needs a memo of its own")
	}
	select {
	case v := <-ch:
		t.Fatalf("the driven channel yielded %v", v)
	default:
	}
	d.stop()
	if h.Len() != 0 {
		t.Fatal("stop left the subscription registered")
	}

	// Rendering: under WithEvent the resolver yields that event and ends,
	// without registering.
	rch, err := live.AlertRaised(WithEvent(retain.WithActor(context.Background(), admin), a2), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := <-rch; !ok || v != a2 {
		t.Fatalf("render yielded %v", v)
	}
	if _, ok := <-rch; ok {
		t.Fatal("render channel not closed")
	}
	if h.Len() != 0 {
		t.Fatal("rendering registered a subscription")
	}
}

func TestUndrivenStreamEndsWithContext(t *testing.T) {
	h := NewHub()
	admin := &retain.Actor{WorkspaceID: "w1", UserID: "u1", Role: retain.RoleAdmin}
	ctx, cancel := context.WithCancel(retain.WithActor(context.Background(), admin))
	ch, err := (&Live{Hub: h}).AlertRaised(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	a := &retain.Alert{ID: "a1"}
	h.Publish([]Event{{Ownership: retain.Ownership{WorkspaceID: "w1", Customer: "c1", OwnerID: "u2"}, Alert: a}})
	if v := <-ch; v != a {
		t.Fatalf("got %v", v)
	}
	cancel()
	if _, ok := <-ch; ok {
		t.Fatal("channel still open after the context ended")
	}
	if h.Len() != 0 {
		t.Fatal("subscription still registered")
	}
}
