package graph

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// clientFrame encodes a masked client frame.
func clientFrame(fin bool, op byte, payload []byte) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	f := []byte{b0}
	switch n := len(payload); {
	case n <= 125:
		f = append(f, 0x80|byte(n))
	case n <= 0xFFFF:
		f = append(f, 0x80|126, byte(n>>8), byte(n))
	default:
		f = append(f, 0x80|127)
		f = binary.BigEndian.AppendUint64(f, uint64(n))
	}
	mask := [4]byte{1, 2, 3, 4}
	f = append(f, mask[:]...)
	for i, c := range payload {
		f = append(f, c^mask[i&3])
	}
	return f
}

// serverFrame reads one unmasked server frame.
func serverFrame(t *testing.T, r io.Reader) (op byte, payload []byte) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		t.Fatal(err)
	}
	if h[0]&0x80 == 0 || h[1]&0x80 != 0 {
		t.Fatalf("server frame header %x: want FIN and no mask", h)
	}
	n := int(h[1] & 0x7F)
	switch n {
	case 126:
		var e [2]byte
		io.ReadFull(r, e[:])
		n = int(binary.BigEndian.Uint16(e[:]))
	case 127:
		var e [8]byte
		io.ReadFull(r, e[:])
		n = int(binary.BigEndian.Uint64(e[:]))
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		t.Fatal(err)
	}
	return h[0] & 0x0F, payload
}

func pipeConn(t *testing.T) (*wsConn, net.Conn) {
	server, client := net.Pipe()
	t.Cleanup(func() { server.Close(); client.Close() })
	return &wsConn{t: &Websocket{}, nc: server}, client
}

func TestReadMessageReassemblesAndAnswersPings(t *testing.T) {
	c, client := pipeConn(t)
	c.early = clientFrame(false, opText, []byte(`{"type":`)) // read by the HTTP server already
	go func() {
		client.Write(clientFrame(true, opPing, []byte("hi")))
		client.Write(clientFrame(true, opContinuation, []byte(`"ping"}`)))
	}()
	pong := make(chan []byte, 1)
	go func() {
		op, p := serverFrame(t, client)
		if op != opPong {
			t.Errorf("op %x, want pong", op)
		}
		pong <- p
	}()
	op, msg, err := c.readMessage(1 << 10)
	if err != nil || op != opText || string(msg) != `{"type":"ping"}` {
		t.Fatalf("got %x %q %v", op, msg, err)
	}
	if p := <-pong; string(p) != "hi" {
		t.Fatalf("pong payload %q", p)
	}
}

func TestReadMessageProtocolErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		frame []byte
		code  websocket.StatusCode
	}{
		"unmasked":           {[]byte{0x81, 0x01, 'x'}, websocket.StatusProtocolError},
		"too big":            {clientFrame(true, opText, make([]byte, 300)), websocket.StatusMessageTooBig},
		"reserved bit":       {append([]byte{0xC1}, clientFrame(true, opText, []byte("x"))[1:]...), websocket.StatusProtocolError},
		"lone continuation":  {clientFrame(true, opContinuation, []byte("x")), websocket.StatusProtocolError},
		"fragmented control": {clientFrame(false, opPing, nil), websocket.StatusProtocolError},
		"unknown opcode":     {clientFrame(true, 0x3, nil), websocket.StatusProtocolError},
		"invalid UTF-8":      {clientFrame(true, opText, []byte{0xff, 0xfe}), websocket.StatusInvalidFramePayloadData},
	} {
		t.Run(name, func(t *testing.T) {
			c, client := pipeConn(t)
			go client.Write(tc.frame)
			_, _, err := c.readMessage(256)
			var ce *closeError
			if !errors.As(err, &ce) || ce.code != tc.code {
				t.Fatalf("err %v, want close %d", err, tc.code)
			}
		})
	}
}

func TestPeerCloseIsEchoed(t *testing.T) {
	c, client := pipeConn(t)
	go client.Write(clientFrame(true, opClose, []byte{0x03, 0xE8, 'b', 'y', 'e'}))
	echo := make(chan []byte, 1)
	go func() {
		op, p := serverFrame(t, client)
		if op != opClose {
			t.Errorf("op %x, want close", op)
		}
		echo <- p
	}()
	if _, _, err := c.readMessage(256); !errors.Is(err, errPeerClosed) {
		t.Fatalf("err %v", err)
	}
	if p := <-echo; binary.BigEndian.Uint16(p) != 1000 {
		t.Fatalf("echoed %x", p)
	}
	if c.write(opText, []byte("late")) == nil {
		t.Fatal("a frame was written after the close frame")
	}
}

func TestWriteFrameLengths(t *testing.T) {
	for _, n := range []int{0, 125, 126, 65535, 65536} {
		c, client := pipeConn(t)
		payload := make([]byte, n)
		if n > 0 {
			payload[n/2] = 'z'
		}
		go func() {
			if err := c.write(opText, payload); err != nil {
				t.Error(err)
			}
		}()
		op, got := serverFrame(t, client)
		if op != opText || len(got) != n || string(got) != string(payload) {
			t.Fatalf("length %d: got op %x and %d bytes", n, op, len(got))
		}
	}
}

func TestNextFrame(t *testing.T) {
	for _, id := range []string{"1", `a"b\c`, "ünï", "\x01"} {
		var m struct {
			ID      string          `json:"id"`
			Type    string          `json:"type"`
			Payload json.RawMessage `json:"payload"`
		}
		b := nextFrame(id, []byte(`{"data":{"x":1}}`))
		if err := json.Unmarshal(b, &m); err != nil || m.ID != id || m.Type != "next" || string(m.Payload) != `{"data":{"x":1}}` {
			t.Fatalf("id %q: %s (%v)", id, b, err)
		}
	}
}

// A subscriber that falls more than maxQueued events behind is not left to
// miss events silently: its socket is closed with 1013 so the client
// reconnects and catches up.
func TestSubscriberTooFarBehindIsClosed(t *testing.T) {
	c, client := pipeConn(t)
	c.timer = time.NewTimer(time.Hour)
	op := &wsOp{c: c, id: "1"} // not ready: nothing drains, as for a stalled client
	c.ops = []*wsOp{op}
	unsubscribed := make(chan struct{})
	op.Subscribed(func() { close(unsubscribed) })
	for i := range maxQueued {
		if !op.Deliver(i, nil) {
			t.Fatalf("event %d refused before the queue was full", i)
		}
	}
	if op.Deliver(maxQueued, nil) {
		t.Fatal("event beyond the queue accepted")
	}
	code, p := serverFrame(t, client)
	if code != opClose || binary.BigEndian.Uint16(p) != CloseTryAgainLater {
		t.Fatalf("frame %x %q, want close 1013", code, p)
	}
	select {
	case <-unsubscribed:
	case <-time.After(5 * time.Second):
		t.Fatal("the subscription stayed registered with the hub")
	}
	if op.Deliver(0, nil) != true || len(op.queue) != 0 {
		t.Fatal("an ended operation still queues events")
	}
}
