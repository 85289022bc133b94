package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
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

// Close codes of graphql-transport-ws.
const (
	CloseBadMessage       = 4400
	CloseUnauthorized     = 4401
	CloseForbidden        = 4403
	CloseInitTimeout      = 4408
	CloseSubscriberExists = 4409
	CloseTooManyInits     = 4429
)

const subprotocol = "graphql-transport-ws"

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
	ws   *websocket.Conn
	exec graphql.GraphExecutor

	ctx    context.Context // the connection's life, fixed at upgrade
	cancel context.CancelFunc

	writeMu sync.Mutex
	mu      sync.Mutex
	// opCtx carries the actor once connection_init succeeds; guarded by mu.
	opCtx  context.Context
	active map[string]context.CancelFunc
	token  string
	acked  bool
	inited bool
	closed bool
	// armExpiry closes the socket when the token expires.
	armExpiry func(time.Time)
}

// Do upgrades the request and serves the socket until it closes.
func (t *Websocket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{subprotocol}, OriginPatterns: t.AllowedOrigins})
	if err != nil {
		return // Accept has answered (403 for a foreign origin)
	}
	if ws.Subprotocol() != subprotocol {
		_ = ws.Close(websocket.StatusProtocolError, "Subprotocol not acceptable")
		return
	}
	ws.SetReadLimit(t.ReadLimit)
	// The socket outlives the upgrade request, so it gets its own context;
	// request-scoped values (request id) are kept.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	c := &wsConn{t: t, ws: ws, exec: exec, ctx: ctx, cancel: cancel, active: map[string]context.CancelFunc{}}
	defer c.shutdownOperations()
	c.armTimers()
	c.readLoop()
}

func (c *wsConn) readLoop() {
	for {
		typ, data, err := c.ws.Read(c.ctx)
		if err != nil {
			c.cancel()
			return
		}
		if typ != websocket.MessageText {
			c.close(CloseBadMessage, "Invalid message type")
			return
		}
		var m wsMessage
		if err := json.Unmarshal(data, &m); err != nil || m.Type == "" {
			c.close(CloseBadMessage, "Invalid message received")
			return
		}
		if !c.handle(m) {
			return
		}
	}
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
		acked, exists, n := c.acked, c.active[m.ID] != nil, len(c.active)
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
		c.mu.Lock()
		cancel := c.active[m.ID]
		delete(c.active, m.ID)
		c.mu.Unlock()
		if cancel != nil {
			cancel()
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
	a, err := c.t.Authenticate(c.ctx, token)
	if token == "" || err != nil {
		c.close(CloseForbidden, "Forbidden")
		return false
	}
	c.mu.Lock()
	c.opCtx = retain.WithActor(c.ctx, a)
	c.token, c.acked = token, true
	c.mu.Unlock()
	c.send(wsMessage{Type: "connection_ack"})
	if !a.Expires.IsZero() {
		c.armExpiry(a.Expires)
	}
	return true
}

// armTimers sets the init timeout, keep-alive pings, token re-checks and
// the server's shutdown as timers and callbacks rather than a goroutine, so
// an idle socket costs no goroutine beyond its reader.
func (c *wsConn) armTimers() {
	var timers []*time.Timer
	after := func(d time.Duration, f func()) {
		c.mu.Lock()
		timers = append(timers, time.AfterFunc(d, f))
		c.mu.Unlock()
	}
	stopShutdown := context.AfterFunc(c.t.Closing, func() { c.close(websocket.StatusGoingAway, "server shutting down") })
	context.AfterFunc(c.ctx, func() {
		stopShutdown()
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, t := range timers {
			t.Stop()
		}
	})
	after(c.t.InitTimeout, func() {
		c.mu.Lock()
		acked := c.acked
		c.mu.Unlock()
		if !acked {
			c.close(CloseInitTimeout, "Connection initialisation timeout")
		}
	})
	var ping, recheck func()
	ping = func() {
		if c.ctx.Err() == nil {
			c.send(wsMessage{Type: "ping"})
			after(c.t.PingInterval, ping)
		}
	}
	recheck = func() {
		c.mu.Lock()
		token, acked := c.token, c.acked
		c.mu.Unlock()
		if acked {
			if _, err := c.t.Authenticate(c.ctx, token); retain.ErrorCode(err) == retain.EUNAUTHENTICATED {
				c.close(CloseForbidden, "Forbidden: the token was revoked")
				return
			}
		}
		if c.ctx.Err() == nil {
			after(c.t.RecheckInterval, recheck)
		}
	}
	after(c.t.PingInterval, ping)
	after(c.t.RecheckInterval, recheck)
	c.armExpiry = func(at time.Time) {
		after(time.Until(at), func() { c.close(CloseForbidden, "Forbidden: the token expired") })
	}
}

// start runs one operation; subscriptions stream until done or completed.
func (c *wsConn) start(id string, params *graphql.RawParams) {
	c.mu.Lock()
	ctx, cancel := context.WithCancel(c.opCtx)
	c.active[id] = cancel
	c.mu.Unlock()
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	go func() {
		defer cancel()
		rc, errs := c.exec.CreateOperationContext(ctx, params)
		if errs != nil {
			resp := c.exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
			c.finish(id, func() { c.sendErrors(id, resp.Errors...) })
			return
		}
		octx := graphql.WithOperationContext(ctx, rc)
		responses, octx := c.exec.DispatchOperation(octx, rc)
		for {
			resp := responses(octx)
			if resp == nil || ctx.Err() != nil {
				break
			}
			b, _ := json.Marshal(resp)
			c.send(wsMessage{ID: id, Type: "next", Payload: b})
		}
		c.finish(id, func() { c.send(wsMessage{ID: id, Type: "complete"}) })
	}()
}

// finish sends the operation's last message unless the client completed it.
func (c *wsConn) finish(id string, last func()) {
	c.mu.Lock()
	_, still := c.active[id]
	delete(c.active, id)
	c.mu.Unlock()
	if still {
		last()
	}
}

func (c *wsConn) sendErrors(id string, errs ...*gqlerror.Error) {
	b, _ := json.Marshal(errs)
	c.send(wsMessage{ID: id, Type: "error", Payload: b})
}

func (c *wsConn) send(m wsMessage) {
	b, err := json.Marshal(m)
	if err != nil {
		return
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.ws.Write(ctx, websocket.MessageText, b); err != nil {
		c.cancel()
	}
}

func (c *wsConn) close(code websocket.StatusCode, reason string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	c.mu.Unlock()
	c.shutdownOperations()
	// Close sends the code and waits (bounded) for the client's close frame;
	// cancelling the context first would drop the socket without the code.
	_ = c.ws.Close(code, reason)
	c.cancel()
}

func (c *wsConn) shutdownOperations() {
	c.mu.Lock()
	for id, cancel := range c.active {
		cancel()
		delete(c.active, id)
	}
	c.mu.Unlock()
}
