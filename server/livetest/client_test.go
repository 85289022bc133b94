package livetest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wsClient is a minimal graphql-transport-ws client for tests.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
	// msgs is fed by one reader goroutine: a read with a deadline would make
	// the websocket library close the connection when the deadline passes.
	msgs   chan wsMsg
	closed chan websocket.StatusCode
}

type wsMsg struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func dial(t *testing.T, baseURL, origin string) (*wsClient, *http.Response, error) {
	t.Helper()
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, strings.Replace(baseURL, "http", "ws", 1)+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: h})
	if err != nil {
		return nil, resp, err
	}
	t.Cleanup(func() { c.CloseNow() })
	w := &wsClient{t: t, conn: c, msgs: make(chan wsMsg, 100), closed: make(chan websocket.StatusCode, 1)}
	go w.pump()
	return w, resp, nil
}

func mustDial(t *testing.T, baseURL string) *wsClient {
	t.Helper()
	c, _, err := dial(t, baseURL, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *wsClient) send(m wsMsg) {
	c.t.Helper()
	b, _ := json.Marshal(m)
	if err := c.conn.Write(context.Background(), websocket.MessageText, b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *wsClient) sendRaw(s string) {
	_ = c.conn.Write(context.Background(), websocket.MessageText, []byte(s))
}

func (c *wsClient) pump() {
	for {
		_, b, err := c.conn.Read(context.Background())
		if err != nil {
			c.closed <- websocket.CloseStatus(err)
			return
		}
		var m wsMsg
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		if m.Type == "ping" {
			pong, _ := json.Marshal(wsMsg{Type: "pong"})
			_ = c.conn.Write(context.Background(), websocket.MessageText, pong)
			continue
		}
		c.msgs <- m
	}
}

// read returns the next non-ping message, or the close status; on timeout
// it returns an empty message and -1.
func (c *wsClient) read(timeout time.Duration) (wsMsg, websocket.StatusCode) {
	c.t.Helper()
	select {
	case m := <-c.msgs:
		return m, -1
	case code := <-c.closed:
		c.closed <- code
		return wsMsg{}, code
	case <-time.After(timeout):
		return wsMsg{}, -1
	}
}

func (c *wsClient) init(token string) {
	c.t.Helper()
	p, _ := json.Marshal(map[string]string{"authorization": "Bearer " + token})
	c.send(wsMsg{Type: "connection_init", Payload: p})
	if m, code := c.read(5 * time.Second); m.Type != "connection_ack" {
		c.t.Fatalf("want connection_ack, got %+v (close %d)", m, code)
	}
}

func (c *wsClient) subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	p, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	c.send(wsMsg{ID: id, Type: "subscribe", Payload: p})
}

// closeCode waits for the server to close the socket and returns the code.
func (c *wsClient) closeCode(timeout time.Duration) websocket.StatusCode {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if _, code := c.read(time.Until(deadline)); code != -1 {
			return code
		}
	}
	return -1
}

// next waits for a "next" message of subscription id and decodes its data.
func (c *wsClient) next(id string, timeout time.Duration, v any) bool {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		m, code := c.read(time.Until(deadline))
		if code != -1 {
			c.t.Fatalf("socket closed with %d", code)
		}
		if m.Type == "" || m.ID != id {
			continue
		}
		if m.Type != "next" {
			c.t.Fatalf("want next, got %s %s", m.Type, m.Payload)
		}
		var r struct {
			Data   json.RawMessage `json:"data"`
			Errors []any           `json:"errors"`
		}
		_ = json.Unmarshal(m.Payload, &r)
		if len(r.Errors) > 0 {
			c.t.Fatalf("errors: %s", m.Payload)
		}
		if err := json.Unmarshal(r.Data, v); err != nil {
			c.t.Fatal(err)
		}
		return true
	}
	return false
}
