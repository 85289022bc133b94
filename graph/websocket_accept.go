package graph

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
)

// handshake wraps the upgrade's ResponseWriter for websocket.Accept, which
// does the handshake (request checks, origin allow-list, subprotocol, 101)
// and would then keep the connection with its own buffers. Here Hijack
// keeps the connection, and any bytes the HTTP server had already read past
// the upgrade request (a client may send its first message as soon as it
// has the 101), for the socket's own framing (websocket_frame.go); the
// library gets a connection whose Close does nothing and 16-byte buffers,
// and its Conn is dropped after the handshake.
type handshake struct {
	http.ResponseWriter
	conn  net.Conn
	early []byte
}

// Unwrap lets http.ResponseController reach the writer.
func (h *handshake) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// Hijack takes the connection over.
func (h *handshake) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	if n := brw.Reader.Buffered(); n > 0 {
		early, _ := brw.Reader.Peek(n)
		h.early = bytes.Clone(early)
	}
	// The 101 went out before Hijack returned; the server's writer holds
	// nothing.
	_ = brw.Writer.Flush()
	h.conn = conn
	lib := keepOpen{conn}
	return lib, bufio.NewReadWriter(bufio.NewReaderSize(lib, 16), bufio.NewWriterSize(lib, 16)), nil
}

// keepOpen is the connection as the websocket library sees it: the
// library's Conn, dropped after the handshake, closes it from a finalizer.
type keepOpen struct{ net.Conn }

func (keepOpen) Close() error { return nil }
