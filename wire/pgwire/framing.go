package pgwire

import (
	"encoding/binary"
	"io"
)

// framedReader sits between the socket and pgproto3's Backend and follows
// the message framing of the bytes it passes on, so the connection knows
// whether a message has begun to arrive and not finished. Then the read
// timeout applies rather than the idle timeout: a client may wait as long
// as it likes between messages, not in the middle of one.
//
// The first packets (StartupMessage, SSLRequest, GSSEncRequest) are framed
// by a 4-byte length alone; every later message by a type byte and a
// 4-byte length.
type framedReader struct {
	r     io.Reader
	onMid func() // called after a read that ends inside a message

	startup   bool    // still reading startup-format packets
	hdr       [5]byte // the header read so far
	hdrN      int
	remaining int    // body bytes still to come
	code      []byte // the start of a startup packet's body, to tell SSLRequest apart
}

// Startup-packet codes that are followed by another startup packet.
const (
	sslRequestCode = 80877103
	gssEncCode     = 80877104
)

func newFramedReader(r io.Reader, onMid func()) *framedReader {
	return &framedReader{r: r, onMid: onMid, startup: true}
}

func (f *framedReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	f.track(p[:n])
	if f.midMessage() && f.onMid != nil {
		f.onMid()
	}
	return n, err
}

// midMessage reports whether the bytes read so far end inside a message.
func (f *framedReader) midMessage() bool { return f.hdrN > 0 || f.remaining > 0 }

func (f *framedReader) track(b []byte) {
	hdrLen := 5
	for len(b) > 0 {
		if f.startup {
			hdrLen = 4
		} else {
			hdrLen = 5
		}
		if f.remaining > 0 {
			k := min(len(b), f.remaining)
			if f.startup && len(f.code) < 4 {
				f.code = append(f.code, b[:min(k, 4-len(f.code))]...)
			}
			f.remaining -= k
			b = b[k:]
			if f.remaining == 0 {
				f.endPacket()
			}
			continue
		}
		k := copy(f.hdr[f.hdrN:hdrLen], b)
		f.hdrN += k
		b = b[k:]
		if f.hdrN < hdrLen {
			continue
		}
		length := int64(int32(binary.BigEndian.Uint32(f.hdr[hdrLen-4 : hdrLen])))
		f.hdrN = 0
		if length > 4 {
			f.remaining = int(min(length-4, 1<<30)) // a bad length ends the connection anyway
		} else {
			f.endPacket()
		}
	}
}

// endPacket leaves startup framing after the first packet that is not an
// SSL or GSS encryption request.
func (f *framedReader) endPacket() {
	if !f.startup {
		return
	}
	code := uint32(0)
	if len(f.code) == 4 {
		code = binary.BigEndian.Uint32(f.code)
	}
	f.code = f.code[:0]
	if code != sslRequestCode && code != gssEncCode {
		f.startup = false
	}
}
