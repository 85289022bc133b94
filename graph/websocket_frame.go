package graph

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
)

// The framing of an upgraded socket (RFC 6455, server side, no extensions).
// coder/websocket performs the handshake (Accept: request checks, origin,
// subprotocol, 101); the frames are read and written here, straight on the
// connection, because the library keeps per connection what an idle socket
// does not need: buffered reader and writer, four channel-based mutexes,
// message reader and writer state, a control-frame buffer — about 3 KB, ten
// times what the socket's own state takes — and a callback registration
// per read or write with a context. Here an idle socket holds no buffer:
// a client message is read into a slice made for it, a frame is written
// in one write from a slice made for it.

const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// closeWait bounds the close handshake: how long the peer may take to
// answer our close frame.
const closeWait = 5 * time.Second

// errPeerClosed is returned by readMessage once the close handshake is done.
var errPeerClosed = errors.New("websocket: closed")

// closeError is a protocol failure of the peer, closed with code.
type closeError struct {
	code   websocket.StatusCode
	reason string
}

func (e *closeError) Error() string { return e.reason }

// Read reads the connection, starting with bytes read past the handshake.
func (c *wsConn) Read(p []byte) (int, error) {
	if len(c.early) > 0 {
		n := copy(p, c.early)
		c.early = c.early[n:]
		if len(c.early) == 0 {
			c.early = nil
		}
		return n, nil
	}
	return c.nc.Read(p)
}

// readMessage returns the next data message, answering pings and the
// peer's close on the way. After we sent a close frame it reads (and drops)
// until the peer's close frame, which ends it with errPeerClosed.
func (c *wsConn) readMessage(limit int64) (op byte, msg []byte, err error) {
	var hdr [8]byte
	for {
		if _, err := io.ReadFull(c, hdr[:2]); err != nil {
			return 0, nil, err
		}
		fin, rsv, fop := hdr[0]&0x80 != 0, hdr[0]&0x70, hdr[0]&0x0F
		masked, n := hdr[1]&0x80 != 0, int64(hdr[1]&0x7F)
		if rsv != 0 || !masked {
			return 0, nil, &closeError{websocket.StatusProtocolError, "protocol error"}
		}
		switch n {
		case 126:
			if _, err := io.ReadFull(c, hdr[:2]); err != nil {
				return 0, nil, err
			}
			n = int64(binary.BigEndian.Uint16(hdr[:2]))
		case 127:
			if _, err := io.ReadFull(c, hdr[:8]); err != nil {
				return 0, nil, err
			}
			n = int64(binary.BigEndian.Uint64(hdr[:8]))
			if n < 0 {
				return 0, nil, &closeError{websocket.StatusProtocolError, "protocol error"}
			}
		}
		control := fop >= opClose
		switch {
		case control && (!fin || n > 125):
			return 0, nil, &closeError{websocket.StatusProtocolError, "protocol error"}
		case fop > opBinary && fop != opClose && fop != opPing && fop != opPong:
			return 0, nil, &closeError{websocket.StatusProtocolError, "unknown opcode"}
		case !control && int64(len(msg))+n > limit:
			return 0, nil, &closeError{websocket.StatusMessageTooBig, "message too big"}
		case fop == opContinuation && op == 0, !control && fop != opContinuation && op != 0:
			return 0, nil, &closeError{websocket.StatusProtocolError, "bad fragmentation"}
		}
		var mask [4]byte
		if _, err := io.ReadFull(c, mask[:]); err != nil {
			return 0, nil, err
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(c, payload); err != nil {
			return 0, nil, err
		}
		for i := range payload {
			payload[i] ^= mask[i&3]
		}
		switch fop {
		case opPing:
			if !c.closeSent() {
				if err := c.write(opPong, payload); err != nil {
					return 0, nil, err
				}
			}
			continue
		case opPong:
			continue
		case opClose:
			return 0, nil, c.peerClose(payload)
		}
		if c.closeSent() {
			continue // data after our close frame is dropped
		}
		if op == 0 {
			op, msg = fop, payload
		} else {
			msg = append(msg, payload...)
		}
		if fin {
			if op == opText && !utf8.Valid(msg) {
				return 0, nil, &closeError{websocket.StatusInvalidFramePayloadData, "invalid UTF-8"}
			}
			return op, msg, nil
		}
	}
}

// peerClose answers the peer's close frame (unless we sent ours first) and
// reports the end of the socket.
func (c *wsConn) peerClose(payload []byte) error {
	c.gotClose = true
	if len(payload) == 1 {
		return &closeError{websocket.StatusProtocolError, "bad close frame"}
	}
	if !c.closeSent() {
		// Echo the peer's status, as RFC 6455 5.5.1 suggests.
		echo := payload
		if len(echo) > 2 {
			echo = echo[:2]
		}
		_ = c.write(opClose, echo)
	}
	return errPeerClosed
}

func (c *wsConn) closeSent() bool { return c.sentClose.Load() }

// sendClose starts the close handshake: the close frame, then the reader
// gets closeWait to see the peer's answer before the connection is dropped.
func (c *wsConn) sendClose(code websocket.StatusCode, reason string) {
	if len(reason) > 123 {
		reason = reason[:123]
	}
	p := make([]byte, 2, 2+len(reason))
	binary.BigEndian.PutUint16(p, uint16(code))
	if c.write(opClose, append(p, reason...)) == nil {
		_ = c.nc.SetReadDeadline(time.Now().Add(closeWait))
	}
}

// write sends one frame in one write; nothing after the close frame. A client that does not take it
// within writeTimeout loses the connection. The deadline is refreshed when
// less than half of it is left rather than set and cleared around every
// write; every write goes through here, so none meets a stale deadline.
func (c *wsConn) write(op byte, payload []byte) error {
	frame := make([]byte, 0, len(payload)+10)
	frame = append(frame, 0x80|op)
	switch n := len(payload); {
	case n <= 125:
		frame = append(frame, byte(n))
	case n <= 0xFFFF:
		frame = append(frame, 126, byte(n>>8), byte(n))
	default:
		frame = append(frame, 127)
		frame = binary.BigEndian.AppendUint64(frame, uint64(n))
	}
	frame = append(frame, payload...)

	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if c.sentClose.Load() || c.dead.Load() {
		return net.ErrClosed
	}
	if now := time.Now(); now.After(c.refreshDeadline) {
		_ = c.nc.SetWriteDeadline(now.Add(writeTimeout))
		c.refreshDeadline = now.Add(writeTimeout / 2)
	}
	if _, err := c.nc.Write(frame); err != nil {
		c.kill()
		return err
	}
	if op == opClose {
		c.sentClose.Store(true)
	}
	return nil
}
