package graph

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/alert"
)

// An operation of a socket. A subscription served by the alert hub is
// driven by it (alert.Driver), so an idle subscription keeps no goroutine
// and none of gqlgen's state for the executed operation: only the hub's
// registration, the operation's parameters and this struct. The hub queues
// each event the subscriber may see on the operation and, when no drain is
// running, starts one on a fresh goroutine, so the events of one publish
// are written to many sockets in parallel. The drain renders an event by
// executing the operation again under alert.WithEvent, where the resolver's
// stream yields that event, and writes the frame.
//
// The payload of one event is the same for every subscriber with the same
// operation text, variables and actor (visibility is per user, so the actor
// is part of the key): the first of them renders it and the others reuse
// it (alert.Memo), unless it carries errors, which may name the request.
// Whether the event reaches a subscriber at all is decided by the hub for
// each subscriber and event, with the customer's current ownership.
type wsOp struct {
	c      *wsConn
	id     string
	params *graphql.RawParams
	class  [32]byte
	actor  context.Context // what each execution starts from

	mu          sync.Mutex
	cancel      context.CancelFunc // ends the execution in progress
	unsubscribe func()             // ends the hub registration (driven)
	queue       []queued           // events waiting for the drain; nil when idle
	ready       bool               // set up: events may be drained
	running     bool               // a drain is running
	ended       bool
}

type queued struct {
	v    any
	memo *alert.Memo
}

// maxQueued is how far a subscriber may fall behind (an entry is two
// words; payloads are shared). One that falls further is not left to miss
// events silently: its socket is closed with CloseTryAgainLater, and the
// client reconnects and catches up through the alerts query.
const maxQueued = 256

var _ alert.Driver = (*wsOp)(nil)

// start runs one operation: a query or mutation to its end, a subscription
// until the client completes it or the socket closes.
func (c *wsConn) start(id string, params *graphql.RawParams) {
	c.mu.Lock()
	actor := c.actor
	op := &wsOp{c: c, id: id, params: params, actor: retain.WithActor(c.base, actor)}
	c.ops = append(c.ops, op)
	c.mu.Unlock()
	op.class = renderClass(params, actor)
	go op.run()
}

// execute creates and dispatches the operation under ctx.
func (op *wsOp) execute(ctx context.Context) (graphql.ResponseHandler, context.Context, *graphql.Response) {
	params := *op.params
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	ctx = graphql.StartOperationTrace(ctx)
	rc, errs := op.c.exec.CreateOperationContext(ctx, &params)
	if errs != nil {
		return nil, nil, op.c.exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
	}
	responses, octx := op.c.exec.DispatchOperation(graphql.WithOperationContext(ctx, rc), rc)
	return responses, octx, nil
}

func (op *wsOp) run() {
	c := op.c
	ctx, cancel := context.WithCancel(op.actor)
	defer cancel()
	op.mu.Lock()
	if op.ended {
		op.mu.Unlock()
		return
	}
	op.cancel = cancel
	op.mu.Unlock()
	responses, octx, failed := op.execute(alert.WithDriver(ctx, op))
	if failed != nil {
		op.finish(func() { c.sendErrors(op.id, failed.Errors...) })
		return
	}
	op.mu.Lock()
	op.cancel = nil
	driven := op.unsubscribe != nil
	start := false
	if driven {
		// The resolver registered with the hub for this operation, which
		// from now on renders each event by executing the operation again;
		// this execution and all it holds can go.
		op.ready = true
		start = len(op.queue) > 0 && !op.running && !op.ended
		op.running = op.running || start
	} else {
		op.cancel = cancel
	}
	op.mu.Unlock()
	if driven {
		if start {
			op.drain()
		}
		return
	}
	// Queries, mutations, errors and streams without a driver.
	for {
		resp := responses(octx)
		if resp == nil || ctx.Err() != nil {
			break
		}
		if b, err := json.Marshal(resp); err == nil {
			_ = c.write(opText, nextFrame(op.id, b))
		}
	}
	op.finish(func() { c.send(wsMessage{ID: op.id, Type: "complete"}) })
}

// end stops the operation (the client completed it, or the socket closed).
func (op *wsOp) end() {
	op.mu.Lock()
	op.ended = true
	op.queue = nil
	unsubscribe, cancel := op.unsubscribe, op.cancel
	op.unsubscribe, op.cancel = nil, nil
	op.mu.Unlock()
	if unsubscribe != nil {
		unsubscribe()
	}
	if cancel != nil {
		cancel()
	}
}

// finish sends the operation's last message unless the client completed it.
func (op *wsOp) finish(last func()) {
	if op.c.removeOp(op.id, op) != nil {
		last()
	}
}

// Subscribed implements alert.Driver.
func (op *wsOp) Subscribed(stop func()) {
	op.mu.Lock()
	if op.ended {
		op.mu.Unlock()
		stop()
		return
	}
	op.unsubscribe = stop
	op.mu.Unlock()
}

// Deliver implements alert.Driver: it queues v and makes sure a drain runs.
func (op *wsOp) Deliver(v any, m *alert.Memo) bool {
	op.mu.Lock()
	if op.ended {
		op.mu.Unlock()
		return true
	}
	if len(op.queue) >= maxQueued {
		op.ended = true
		op.queue = nil
		op.mu.Unlock()
		// Not here: closing unregisters from the hub, whose publish is
		// running this call.
		go op.c.close(CloseTryAgainLater, "Subscriber fell behind: reconnect and catch up")
		return false
	}
	op.queue = append(op.queue, queued{v: v, memo: m})
	start := op.ready && !op.running
	if start {
		op.running = true
	}
	op.mu.Unlock()
	if start {
		go op.drain()
	}
	return true
}

// drain sends the queued events in order until none is left. At most one
// drain runs per operation.
func (op *wsOp) drain() {
	for {
		op.mu.Lock()
		if len(op.queue) == 0 || op.ended {
			op.queue, op.running = nil, false
			op.mu.Unlock()
			return
		}
		q := op.queue[0]
		op.queue[0] = queued{}
		op.queue = op.queue[1:]
		op.mu.Unlock()
		payload := q.memo.Share(op.class, func() ([]byte, bool) { return op.render(q.v) })
		if payload != nil {
			_ = op.c.write(opText, nextFrame(op.id, payload))
		}
	}
}

// render executes the operation for the event v and returns the payload of
// its next message; the bool says whether other subscribers of the same
// class may reuse it.
func (op *wsOp) render(v any) ([]byte, bool) {
	responses, octx, failed := op.execute(alert.WithEvent(op.actor, v))
	resp := failed
	if failed == nil {
		resp = responses(octx)
	}
	if resp == nil {
		return nil, false
	}
	b, err := json.Marshal(resp)
	if err != nil {
		return nil, false
	}
	return b, failed == nil && len(resp.Errors) == 0 && len(resp.Extensions) == 0
}

// renderClass identifies what a response depends on besides the event: the
// operation text, its name and variables, and who is asking.
func renderClass(p *graphql.RawParams, a *retain.Actor) [32]byte {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	vars, _ := json.Marshal(p.Variables)
	field(p.Query)
	field(p.OperationName)
	field(string(vars))
	if a != nil {
		field(a.WorkspaceID)
		field(a.UserID)
		field(string(a.Role))
		field(a.ManagerID)
		field(a.TokenID)
		field(strings.Join(a.Scopes, "\x00"))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// nextFrame builds {"id":…,"type":"next","payload":…} around an already
// encoded payload (json.Marshal of a message would copy and re-check it).
func nextFrame(id string, payload []byte) []byte {
	b := make([]byte, 0, len(payload)+len(id)+32)
	b = append(b, `{"id":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"type":"next","payload":`...)
	b = append(b, payload...)
	return append(b, '}')
}

func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
