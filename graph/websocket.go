package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/retain-crm/retain"
)

// This file implements GraphQL over WebSocket, protocol graphql-transport-ws
// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), with its
// close codes. gqlgen's own transport does not send the protocol's codes for
// init timeout, early subscribe, duplicate init or duplicate ids.
//
// Thousands of sockets mostly sit idle, so an idle one is kept small (about
// 3 KB of heap and a 2 KB stack, against 23 KB and 25 KB before):
//   - it is served from a goroutine of its own, not the HTTP handler's,
//     whose stack grew while handling the upgrade. That reader is the only
//     goroutine an idle socket has; the messages it reads are handled on
//     short-lived goroutines, so its stack stays shallow.
//   - the keep-alive, init timeout, token re-check and expiry share one
//     timer; shutdown is a callback on the server's closing context.
//   - it keeps nothing of the upgrade request (its context holds the
//     request and, through the refresh cookie, the HTTP connection).
//   - its frames are read and written here, without buffers kept between
//     messages (websocket_frame.go, websocket_accept.go).
//   - a subscription is driven by the alert hub: no goroutine waits on it,
//     and none of the executed operation is kept (websocket_op.go).

// Close codes of graphql-transport-ws.
const (
	CloseBadMessage       = 4400
	CloseUnauthorized     = 4401
	CloseForbidden        = 4403
	CloseInitTimeout      = 4408
	CloseSubscriberExists = 4409
	CloseTooManyInits     = 4429
	// CloseTryAgainLater (RFC 6455's 1013) ends a socket whose subscriber
	// fell too far behind the events; clients reconnect and catch up.
	CloseTryAgainLater = 1013
)

const subprotocol = "graphql-transport-ws"

// writeTimeout bounds one frame write to a client that stopped reading.
const writeTimeout = 10 * time.Second

var pingMessage = []byte(`{"type":"ping"}`)

// Websocket is a gqlgen transport for graphql-transport-ws.
type Websocket struct {
	// Authenticate turns the connection_init token into an actor.
	Authenticate func(ctx context.Context, token string) (*retain.Actor, error)
	// AllowedOrigins may open sockets from a browser (same origin always may).
	AllowedOrigins []string
	// InitTimeout closes sockets that do not send connection_init in time.
	InitTimeout time.Duration
	// PingInterval is the keep-alive period.
	PingInterval time.Duration
	// RecheckInterval re-validates the token, so revocation ends the socket.
	RecheckInterval time.Duration
	// ReadLimit caps one message; bigger ones close the socket with 1009.
	ReadLimit int64
	// MaxOperations caps concurrent operations per socket.
	MaxOperations int
	// Closing closes every socket with 1001 when it is done.
	Closing context.Context
	Log     *slog.Logger
}

var _ graphql.Transport = (*Websocket)(nil)

// Supports reports whether r asks to upgrade to a websocket.
func (t *Websocket) Supports(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// wsMessage is a protocol message.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

type wsConn struct {
	t    *Websocket
	nc   net.Conn
	exec graphql.GraphExecutor
	// early holds bytes the HTTP server read past the upgrade request.
	early []byte
	// gotClose is set when the peer's close frame arrived (reader only).
	gotClose bool

	// base carries the upgrade's request id to everything the socket runs.
	base context.Context
	// dead is set once the connection is dropped.
	dead atomic.Bool

	writeMu         sync.Mutex
	refreshDeadline time.Time // guarded by writeMu
	sentClose       atomic.Bool

	mu sync.Mutex
	// Guarded by mu.
	actor  *retain.Actor // set once connection_init succeeds
	token  string
	ops    []*wsOp
	inited bool
	acked  bool
	closed bool // closing: no new work
	// One timer serves the init timeout, keep-alive pings, token re-checks
	// and expiry: it fires at the earliest of these deadlines.
	timer                          *time.Timer
	initBy, pingAt, recheckAt, exp time.Time
	stopShutdown                   func() bool
}

// Do upgrades the request and returns; the socket is served by a goroutine
// of its own until it closes.
func (t *Websocket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	hs := &handshake{ResponseWriter: w}
	ws, err := websocket.Accept(hs, r, &websocket.AcceptOptions{Subprotocols: []string{subprotocol}, OriginPatterns: t.AllowedOrigins})
	if err != nil {
		return // Accept has answered (403 for a foreign origin)
	}
	// The socket outlives the upgrade request, so it gets its own context,
	// keeping only the request id: the request's context holds the request,
	// its headers and the HTTP connection's buffers (through the refresh
	// cookie), none of which a socket uses. It has no cancellation: the
	// socket ends by closing the connection, which ends the read, and its
	// operations are ended one by one.
	base := retain.WithRequestID(context.Background(), retain.RequestID(r.Context()))
	c := &wsConn{t: t, nc: hs.conn, early: hs.early, exec: exec, base: base}
	negotiated := ws.Subprotocol()
	_ = ws.CloseNow() // the library's Conn is done: it closes nothing of ours
	if negotiated != subprotocol {
		c.sendClose(websocket.StatusProtocolError, "Subprotocol not acceptable")
		go c.drop()
		return
	}
	c.armTimers(time.Now())
	go c.serve()
}

// serve reads client messages until the socket ends. Each message is handled
// on a goroutine of its own while this one waits, so the order is kept and
// the stack of the one goroutine an idle socket keeps stays small.
func (c *wsConn) serve() {
	defer c.end()
	done := make(chan bool, 1)
	for {
		op, data, err := c.readMessage(c.t.ReadLimit)
		if err != nil {
			if ce, ok := err.(*closeError); ok {
				c.close(ce.code, ce.reason)
			}
			return
		}
		go func() { done <- c.handleRaw(op, data) }()
		if !<-done {
			return
		}
	}
}

// end releases what the connection holds once its reader is done.
func (c *wsConn) end() {
	c.mu.Lock()
	c.closed = true
	c.timer.Stop()
	c.mu.Unlock()
	c.stopShutdown()
	c.shutdownOperations()
	c.drop()
}

// drop waits (bounded) for the peer's answer to our close frame, if we
// sent one, then drops the connection.
func (c *wsConn) drop() {
	if c.closeSent() && !c.gotClose && !c.dead.Load() {
		for {
			if _, _, err := c.readMessage(c.t.ReadLimit); err != nil {
				break
			}
		}
	}
	c.kill()
}

// kill drops the connection.
func (c *wsConn) kill() {
	c.dead.Store(true)
	_ = c.nc.Close()
}

func (c *wsConn) handleRaw(op byte, data []byte) bool {
	if op != opText {
		c.close(CloseBadMessage, "Invalid message type")
		return false
	}
	var m wsMessage
	if err := json.Unmarshal(data, &m); err != nil || m.Type == "" {
		c.close(CloseBadMessage, "Invalid message received")
		return false
	}
	return c.handle(m)
}

// handle processes one client message; false ends the connection.
func (c *wsConn) handle(m wsMessage) bool {
	switch m.Type {
	case "connection_init":
		c.mu.Lock()
		again := c.inited
		c.inited = true
		c.mu.Unlock()
		if again {
			c.close(CloseTooManyInits, "Too many initialisation requests")
			return false
		}
		return c.init(m.Payload)
	case "ping":
		c.send(wsMessage{Type: "pong", Payload: m.Payload})
	case "pong":
	case "subscribe":
		c.mu.Lock()
		acked, exists, n := c.acked, c.opLocked(m.ID) != nil, len(c.ops)
		c.mu.Unlock()
		if !acked {
			c.close(CloseUnauthorized, "Unauthorized")
			return false
		}
		if m.ID == "" || len(m.Payload) == 0 {
			c.close(CloseBadMessage, "Invalid message received")
			return false
		}
		if exists {
			c.close(CloseSubscriberExists, "Subscriber for "+m.ID+" already exists")
			return false
		}
		if n >= c.t.MaxOperations {
			c.sendErrors(m.ID, &gqlerror.Error{Message: "too many operations on this connection", Extensions: map[string]any{"code": retain.EINVALID}})
			return true
		}
		var params graphql.RawParams
		if err := json.Unmarshal(m.Payload, &params); err != nil || params.Query == "" {
			c.close(CloseBadMessage, "Invalid message received")
			return false
		}
		c.start(m.ID, &params)
	case "complete":
		if op := c.removeOp(m.ID, nil); op != nil {
			op.end()
		}
	default:
		c.close(CloseBadMessage, "Invalid message received")
		return false
	}
	return true
}

// tokenFrom reads the bearer token from the init payload.
func tokenFrom(payload json.RawMessage) string {
	var p map[string]any
	_ = json.Unmarshal(payload, &p)
	for _, k := range []string{"authorization", "Authorization", "token", "accessToken"} {
		if s, ok := p[k].(string); ok && s != "" {
			return strings.TrimSpace(strings.TrimPrefix(s, "Bearer "))
		}
	}
	return ""
}

func (c *wsConn) init(payload json.RawMessage) bool {
	token := tokenFrom(payload)
	a, err := c.t.Authenticate(c.base, token)
	if token == "" || err != nil {
		c.close(CloseForbidden, "Forbidden")
		return false
	}
	c.mu.Lock()
	c.actor, c.token, c.acked = a, token, true
	c.exp = a.Expires
	c.mu.Unlock()
	c.send(wsMessage{Type: "connection_ack"})
	c.reschedule()
	return true
}

// armTimers sets the connection's one timer and its close on shutdown, as
// callbacks rather than goroutines.
func (c *wsConn) armTimers(now time.Time) {
	c.initBy = now.Add(c.t.InitTimeout)
	c.pingAt = now.Add(c.t.PingInterval)
	c.recheckAt = now.Add(c.t.RecheckInterval)
	c.mu.Lock()
	c.timer = time.AfterFunc(c.nextDeadlineLocked().Sub(now), c.tick)
	c.mu.Unlock()
	c.stopShutdown = context.AfterFunc(c.t.Closing, func() { c.close(websocket.StatusGoingAway, "server shutting down") })
}

// nextDeadlineLocked is when the timer must fire next.
func (c *wsConn) nextDeadlineLocked() time.Time {
	var next time.Time
	at := func(t time.Time) {
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if c.t.PingInterval > 0 {
		at(c.pingAt)
	}
	if !c.acked {
		at(c.initBy)
	} else {
		if c.t.RecheckInterval > 0 {
			at(c.recheckAt)
		}
		at(c.exp)
	}
	if next.IsZero() {
		next = time.Now().Add(time.Hour)
	}
	return next
}

func (c *wsConn) reschedule() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.timer.Reset(time.Until(c.nextDeadlineLocked()))
	}
}

// tick does whatever of the timed duties is due, then re-arms the timer.
func (c *wsConn) tick() {
	now := time.Now()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	initTimeout := !c.acked && !now.Before(c.initBy)
	expired := c.acked && !c.exp.IsZero() && !now.Before(c.exp)
	recheck := c.acked && c.t.RecheckInterval > 0 && !now.Before(c.recheckAt)
	if recheck {
		c.recheckAt = now.Add(c.t.RecheckInterval)
	}
	ping := c.t.PingInterval > 0 && !now.Before(c.pingAt)
	if ping {
		c.pingAt = now.Add(c.t.PingInterval)
	}
	token := c.token
	c.mu.Unlock()
	switch {
	case initTimeout:
		c.close(CloseInitTimeout, "Connection initialisation timeout")
		return
	case expired:
		c.close(CloseForbidden, "Forbidden: the token expired")
		return
	}
	if recheck {
		if _, err := c.t.Authenticate(c.base, token); retain.ErrorCode(err) == retain.EUNAUTHENTICATED {
			c.close(CloseForbidden, "Forbidden: the token was revoked")
			return
		}
	}
	if ping {
		_ = c.write(opText, pingMessage)
	}
	c.reschedule()
}

func (c *wsConn) sendErrors(id string, errs ...*gqlerror.Error) {
	b, _ := json.Marshal(errs)
	c.send(wsMessage{ID: id, Type: "error", Payload: b})
}

func (c *wsConn) send(m wsMessage) {
	if b, err := json.Marshal(m); err == nil {
		_ = c.write(opText, b)
	}
}

// close starts closing the socket with code: operations end, the close
// frame goes out, and the reader drops the connection once the client
// answers (or closeWait has passed).
func (c *wsConn) close(code websocket.StatusCode, reason string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	c.timer.Stop()
	c.mu.Unlock()
	c.shutdownOperations()
	c.sendClose(code, reason)
}

func (c *wsConn) shutdownOperations() {
	c.mu.Lock()
	ops := c.ops
	c.ops = nil
	c.mu.Unlock()
	for _, op := range ops {
		op.end()
	}
}

// opLocked finds an active operation by id.
func (c *wsConn) opLocked(id string) *wsOp {
	for _, op := range c.ops {
		if op.id == id {
			return op
		}
	}
	return nil
}

// removeOp forgets the operation id (only if it is still want, when want is
// not nil) and returns it, or nil if it was not active.
func (c *wsConn) removeOp(id string, want *wsOp) *wsOp {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, op := range c.ops {
		if op.id == id && (want == nil || op == want) {
			c.ops = slices.Delete(c.ops, i, i+1)
			if len(c.ops) == 0 {
				c.ops = nil
			}
			return op
		}
	}
	return nil
}
