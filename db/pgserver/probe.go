package pgserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"
)

// probe opens a real PostgreSQL session on addr. A TCP connect alone is not
// enough: the postmaster listens before recovery has finished and then
// refuses sessions with SQLSTATE 57P03 ("the database system is starting
// up"). Any other answer (authentication request, success, or an error such
// as a missing role) means the server accepts connections. It returns nil
// when the server is ready.
func probe(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))

	// StartupMessage, protocol 3.0.
	var body bytes.Buffer
	_ = binary.Write(&body, binary.BigEndian, int32(196608))
	for _, s := range []string{"user", superuser, "database", "postgres"} {
		body.WriteString(s)
		body.WriteByte(0)
	}
	body.WriteByte(0)
	msg := binary.BigEndian.AppendUint32(nil, uint32(body.Len()+4))
	msg = append(msg, body.Bytes()...)
	if _, err := conn.Write(msg); err != nil {
		return err
	}

	r := bufio.NewReader(conn)
	for {
		typ, payload, err := readMessage(r)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		switch typ {
		case 'R':
			if len(payload) >= 4 && binary.BigEndian.Uint32(payload) != 0 {
				// Password requested: the server is up. Closing now is fine.
				return nil
			}
			// AuthenticationOk: read on to ReadyForQuery and say goodbye
			// properly so the server logs no "unexpected EOF".
		case 'E':
			code, text := errorFields(payload)
			if code == "57P03" {
				return fmt.Errorf("server not ready: %s", text)
			}
			return nil
		case 'Z':
			_, _ = conn.Write([]byte{'X', 0, 0, 0, 4})
			return nil
		}
	}
}

func readMessage(r *bufio.Reader) (byte, []byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(binary.BigEndian.Uint32(hdr[1:]))
	if n < 4 || n > 1<<20 {
		return 0, nil, fmt.Errorf("bad message length %d for type %q", n, hdr[0])
	}
	payload := make([]byte, n-4)
	if _, err := io.ReadFull(r, payload); err != nil {
		return 0, nil, err
	}
	return hdr[0], payload, nil
}

// errorFields extracts SQLSTATE (C) and message (M) from an ErrorResponse.
func errorFields(p []byte) (code, msg string) {
	for len(p) > 0 && p[0] != 0 {
		t := p[0]
		end := bytes.IndexByte(p[1:], 0)
		if end < 0 {
			break
		}
		v := string(p[1 : 1+end])
		switch t {
		case 'C':
			code = v
		case 'M':
			msg = v
		}
		p = p[end+2:]
	}
	return code, msg
}
