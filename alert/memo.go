package alert

import "sync"

// Memo is shared by every subscriber an event reaches on this process, so
// what is the same for many of them — the rendered payload of one selection
// set for one kind of viewer — is computed once per event instead of once
// per subscriber. The hub makes one per published event; it lives as long
// as some subscriber still has the event queued.
type Memo struct {
	mu      sync.Mutex
	entries map[[32]byte]*memoEntry
}

type memoEntry struct {
	done   chan struct{} // closed once the first render is over
	v      []byte
	shared bool // v is for everyone
}

// Share returns the value kept under key for this event, or calls render to
// make it. Callers with the same key wait for the first render rather than
// repeat it, and all wake at once when it is done. render reports whether
// its result may be given to the others (false for a result that depends
// on the caller, such as one carrying an error with the caller's request
// id); when it may not, or render returned nil (the first caller's
// operation ended meanwhile), each of the others renders its own. A nil
// Memo just calls render.
func (m *Memo) Share(key [32]byte, render func() (v []byte, share bool)) []byte {
	if m == nil {
		v, _ := render()
		return v
	}
	m.mu.Lock()
	if m.entries == nil {
		m.entries = make(map[[32]byte]*memoEntry, 1)
	}
	e := m.entries[key]
	if e == nil {
		e = &memoEntry{done: make(chan struct{})}
		m.entries[key] = e
		m.mu.Unlock()
		v, share := render()
		e.v, e.shared = v, v != nil && share
		close(e.done)
		return v
	}
	m.mu.Unlock()
	<-e.done
	if e.shared {
		return e.v
	}
	v, _ := render()
	return v
}
