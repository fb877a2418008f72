package cwlogs_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// rawServer is an HTTP/1.1 server on 127.0.0.1 whose handler writes the
// bytes of its answers itself, so that it can misbehave as net/http's
// server never does: hang, stall or cut a body, lie about its length, send
// 1xx responses or headers without end.
type rawServer struct {
	ln       net.Listener
	handle   rawHandler
	done     chan struct{} // closed by close: handlers that wait on it return
	requests atomic.Int64  // requests received
	conns    atomic.Int64  // connections accepted
	// goroutines is how many goroutines the server runs: its accept
	// loop and one per open connection.
	goroutines atomic.Int64
	wg         sync.WaitGroup
	mu         sync.Mutex
	open       map[net.Conn]bool // nil once closed
}

// exchange is one request the server received, and the connection to
// answer it on.
type exchange struct {
	conn net.Conn
	req  *http.Request
	n    int // the request's number, from 1, across connections
	done <-chan struct{}
}

// rawHandler answers one request by writing to x.conn. It returns whether
// the connection may serve another request.
type rawHandler func(x *exchange) bool

// startRawServer starts a server that answers with handle; a nil handle
// answers nothing and closes the connection.
func startRawServer(handle rawHandler) (*rawServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	if handle == nil {
		handle = func(*exchange) bool { return false }
	}
	s := &rawServer{ln: ln, handle: handle, done: make(chan struct{}), open: map[net.Conn]bool{}}
	s.wg.Add(1)
	s.goroutines.Add(1)
	go s.accept()
	return s, nil
}

func (s *rawServer) url() string { return "http://" + s.ln.Addr().String() }

func (s *rawServer) accept() {
	defer s.wg.Done()
	defer s.goroutines.Add(-1)
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.open == nil {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.open[c] = true
		s.wg.Add(1)
		s.goroutines.Add(1)
		s.mu.Unlock()
		s.conns.Add(1)
		go s.serve(c)
	}
}

func (s *rawServer) serve(c net.Conn) {
	defer s.wg.Done()
	defer s.goroutines.Add(-1)
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, req.Body); err != nil {
			return
		}
		n := int(s.requests.Add(1))
		if !s.handle(&exchange{conn: c, req: req, n: n, done: s.done}) {
			return
		}
	}
}

// close stops the server, ends its handlers and waits for them.
func (s *rawServer) close() {
	s.ln.Close()
	s.mu.Lock()
	close(s.done)
	for c := range s.open {
		c.Close()
	}
	s.open = nil
	s.mu.Unlock()
	s.wg.Wait()
}

// activeJSON is a valid GetIntegration answer.
const activeJSON = `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE"}`

// rawResponse is the text of an HTTP/1.1 response with a Content-Length;
// header is "Name: value\r\n" lines.
func rawResponse(status int, header, body string) string {
	return fmt.Sprintf("HTTP/1.1 %d %s\r\n%sContent-Length: %d\r\n\r\n%s", status, http.StatusText(status), header, len(body), body)
}

// reply answers every request with the same response.
func reply(status int, header, body string) rawHandler {
	return write(rawResponse(status, header, body))
}

// write answers every request with text and keeps the connection.
func write(text string) rawHandler {
	return func(x *exchange) bool {
		_, err := io.WriteString(x.conn, text)
		return err == nil
	}
}

// sequence answers request n with handlers[n-1], and the requests after
// the last with the last.
func sequence(handlers ...rawHandler) rawHandler {
	return func(x *exchange) bool { return handlers[min(x.n, len(handlers))-1](x) }
}

// hang answers nothing until the server closes.
func hang(x *exchange) bool {
	<-x.done
	return false
}

// thenHang writes text, then holds the connection open, silent, until the
// server closes.
func thenHang(text string) rawHandler {
	return func(x *exchange) bool {
		if _, err := io.WriteString(x.conn, text); err != nil {
			return false
		}
		return hang(x)
	}
}

// thenClose writes text and closes the connection.
func thenClose(text string) rawHandler {
	return func(x *exchange) bool {
		_, _ = io.WriteString(x.conn, text)
		return false
	}
}

// reset closes the connection with a TCP reset, answering nothing.
func reset(x *exchange) bool {
	if tc, ok := x.conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	return false
}

// forever writes head, then chunk after chunk until the client goes away
// or the server closes.
func forever(head string, chunk []byte) rawHandler {
	return func(x *exchange) bool {
		if _, err := io.WriteString(x.conn, head); err != nil {
			return false
		}
		for {
			select {
			case <-x.done:
				return false
			default:
			}
			if _, err := x.conn.Write(chunk); err != nil {
				return false
			}
		}
	}
}

// chunked returns data as one chunk of a chunked body.
func chunked(data []byte) []byte {
	return append(fmt.Appendf(nil, "%x\r\n", len(data)), append(data, "\r\n"...)...)
}

// gzipMember returns a gzip member that inflates to 1 MiB of zeros. gzip
// readers read members one after the other as one stream, so a server that
// repeats it sends a body without end at about a thousandth of its size.
func gzipMember() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	return b.Bytes()
}

// skewServer answers as the service does when its clock is ahead of the
// client's by ahead: a request signed more than 5 minutes from its time is
// refused with InvalidSignatureException, others get activeJSON; every
// answer has a Date. The first refused requests, up to barrier, are held
// until all of them have arrived, so that they are refused together.
type skewServer struct {
	ahead   time.Duration
	barrier int
	mu      sync.Mutex
	held    int
	all     chan struct{} // closed when barrier requests are held
}

func newSkewServer(ahead time.Duration, barrier int) *skewServer {
	return &skewServer{ahead: ahead, barrier: barrier, all: make(chan struct{})}
}

func (s *skewServer) handle(x *exchange) bool {
	now := time.Now().Add(s.ahead).UTC()
	date := "Date: " + now.Format(http.TimeFormat) + "\r\n"
	signed, err := time.Parse("20060102T150405Z", x.req.Header.Get("X-Amz-Date"))
	if err == nil && signed.Sub(now).Abs() <= 5*time.Minute {
		_, err := io.WriteString(x.conn, rawResponse(200, date, activeJSON))
		return err == nil
	}
	s.mu.Lock()
	if s.held < s.barrier {
		s.held++
		if s.held == s.barrier {
			close(s.all)
		}
		s.mu.Unlock()
		select {
		case <-s.all:
		case <-x.done:
			return false
		case <-time.After(5 * time.Second):
		}
	} else {
		s.mu.Unlock()
	}
	msg := fmt.Sprintf(`{"__type":"InvalidSignatureException","message":"Signature expired: %s is now earlier than %s (%s - 5 min.)"}`,
		signed.Format("20060102T150405Z"), now.Add(-5*time.Minute).Format("20060102T150405Z"), now.Format("20060102T150405Z"))
	_, err = io.WriteString(x.conn, rawResponse(400, date+"X-Amzn-ErrorType: InvalidSignatureException\r\n", msg))
	return err == nil
}

// echoCanonical answers as the service does to a request whose signature
// does not match: with the canonical request it expected, which quotes the
// signed headers, X-Amz-Security-Token included; the secret key is added,
// as a server that knows it could.
func echoCanonical(secret string) rawHandler {
	return func(x *exchange) bool {
		var b strings.Builder
		b.WriteString("The request signature we calculated does not match the signature you provided. ")
		b.WriteString("The Canonical String for this request should have been\n'POST\n/\n\n")
		for _, name := range []string{"Content-Length", "Content-Type", "Host", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Target"} {
			v := x.req.Header.Get(name)
			if name == "Host" {
				v = x.req.Host
			}
			fmt.Fprintf(&b, "%s:%s\n", strings.ToLower(name), v)
		}
		fmt.Fprintf(&b, "'\nsigned with %s", secret)
		body := fmt.Sprintf(`{"__type":"InvalidSignatureException","message":%q}`, b.String())
		_, err := io.WriteString(x.conn, rawResponse(403, "X-Amzn-ErrorType: InvalidSignatureException\r\n", body))
		return err == nil
	}
}
