package cwlogs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// This file is the request path that every operation takes, in call
// order: invoke encodes the input, retry makes the attempts, try makes one
// attempt (sign, send, check the status), and readBody reads the answer.

// Protocol constants of the CloudWatch Logs API (AWS JSON 1.1).
const (
	signingName  = "logs"
	targetPrefix = "Logs_20140328."
	contentType  = "application/x-amz-json-1.1"
	userAgent    = "cwlogs-go/" + Version
	serviceSDKID = "CloudWatch Logs"
)

// Bounds on what the client reads of a body it does not decode.
const (
	// maxErrorBodyBytes is how much of an error body is read: the error's
	// code and message are at its start.
	maxErrorBodyBytes = 1 << 20
	// errorBodyRead is how much of a body is drained before it is closed,
	// so that its connection can be reused.
	errorBodyRead = 64 << 10
	// drainTimeout bounds the time spent draining a body. Past it, the
	// body and its connection are closed: a server that stalls in a body
	// the client no longer needs costs no more.
	drainTimeout = 150 * time.Millisecond
)

// call is one call of an operation on its way through the request path.
type call struct {
	op   *operation
	in   any // the input, a pointer
	out  response
	body []byte // the encoded input
	// outSecrets, if not nil, is set to the secrets of the request whose
	// response out holds, for texts made from out later (a waiter's).
	outSecrets *secrets
	// began is when the call began, on the client's clock, for the check
	// of an operation that is not idempotent.
	began time.Time
}

// invoke sends a call of op, whose input in has been checked, decodes the
// answer into out, and sets meta to the metadata of the call. It is the one
// request path of every operation. A call that ends in error is logged
// here, once.
func (c *Client) invoke(ctx context.Context, op *operation, in any, out response, meta *ResponseMetadata, optFns []func(*Options)) error {
	return c.invokeKeeping(ctx, op, in, out, meta, optFns, nil)
}

// invokeKeeping is invoke, which on success also sets *outSecrets, if not
// nil, to the secrets of the request whose response out holds: a text made
// from out later must be scrubbed of them, as an error is.
func (c *Client) invokeKeeping(ctx context.Context, op *operation, in any, out response, meta *ResponseMetadata, optFns []func(*Options), outSecrets *secrets) (err error) {
	if c == nil || c.r.endpoint == nil {
		return fmt.Errorf("cwlogs: %s: client not made by New", op.name)
	}
	c, err = c.withCallOptions(optFns)
	if err != nil {
		return fmt.Errorf("cwlogs: %s: per-call options: %w", op.name, err)
	}
	ctx, tel := c.startCall(ctx, op.name) // telemetry: the call's span, in ctx
	defer func() { tel.end(ctx, *meta, err) }()
	body, err := encodeRequest(in)
	if err != nil {
		err = fmt.Errorf("cwlogs: %s: encode input: %w", op.name, err)
		c.logFailure(ctx, op.name, ResponseMetadata{}, err)
		return err
	}
	cl := call{op: op, in: in, out: out, body: body, outSecrets: outSecrets}
	if op.check != nil {
		cl.began = c.r.now()
	}
	m, err := c.retry(ctx, cl)
	if err != nil {
		c.logFailure(ctx, op.name, m, err)
		return err
	}
	*meta = m
	return nil
}

// encodeRequest returns the request body of in: what its appendRequest
// writes if it has one, else what encoding/json writes from its tags.
func encodeRequest(in any) ([]byte, error) {
	if r, ok := in.(requestInput); ok {
		return r.appendRequest(make([]byte, 0, r.requestSize()+requestSlack))
	}
	return json.Marshal(in)
}

// retry makes the attempts of a call and logs each one it retries.
//
// For an operation that is not idempotent (one with a check), an attempt
// may take effect without the client learning it (see
// mayHaveTakenEffect). When the call would end in an error after such an
// attempt, the last one included, settle reads the service's state before
// it answers. An operation whose check runs first is not sent again after
// such an attempt before its check has found no effect. One the service
// answered with success, whose answer the client could not read, is not
// sent again at all: it took effect, as far as the service told, and
// settle reads the state at once.
func (c *Client) retry(ctx context.Context, cl call) (ResponseMetadata, error) {
	skewCorrected := false
	sent := 0      // attempts that handed a request to the HTTP client
	var prev error // the error of the attempt before, if any
	// unknown tells that an attempt so far may have taken effect, for an
	// operation that is not idempotent.
	unknown := false
	var last attempt // the attempt before, when unknown
	// offset is what the next attempt adds to the clock when signing: the
	// client's, or the one this call just learnt from a refusal.
	offset, learnt := time.Duration(0), false
	for n := 1; ; n++ {
		if unknown && cl.op.checkFirst {
			if meta, done, err := c.checkFirst(ctx, cl, last, sent, prev); done {
				return meta, err
			}
		}
		if !learnt {
			offset = time.Duration(c.skew.Load())
		}
		learnt = false
		actx, tel := c.startAttempt(ctx, cl.op.name, n) // telemetry: the attempt's span, in actx
		a, bound, err := c.boundedTry(actx, cl, offset)
		tel.end(ctx, cl.op.name, a, err)
		if a.sent {
			sent++
		}
		a.meta.Attempts = sent
		if err == nil {
			c.learnSkew(a, nil, offset)
			return a.meta, nil
		}
		unknown = unknown || cl.op.check != nil && mayHaveTakenEffect(a, err)
		if ctx.Err() != nil {
			if prev != nil && errors.Is(err, ctx.Err()) {
				// The caller's deadline cut the last attempt short: the
				// attempt before tells what was going wrong.
				err = prev
			}
			if unknown {
				return a.meta, unknownOutcome(ctx, cl, sent, err, nil)
			}
			return a.meta, &AttemptsError{Attempts: sent, Err: err, Context: ctx.Err()}
		}
		if errors.Is(err, context.DeadlineExceeded) && (bound != 0 || !errors.Is(err, ErrCredentials)) {
			// The caller's context is alive: the attempt's own bound, or
			// the HTTP client's, ran out. A credentials provider's own
			// timeout stays its error.
			err = &opError{op: cl.op.name, kind: kindAttemptTimeout, err: attemptTimeoutError(bound)}
		}
		if cl.op.check != nil && answeredSuccess(a) {
			// The service took the call, and its answer could not be
			// read: sent again, it would take effect twice.
			return c.settle(ctx, cl, a, sent, err)
		}
		prev, last = err, a
		if l, skewed := c.learnSkew(a, err, offset); skewed && !skewCorrected && n < c.r.maxAttempts {
			// The clock was wrong, not the credentials: try once more at
			// once, signed with the service's time as this call saw it.
			skewCorrected = true
			offset, learnt = l, true
			c.logRetry(ctx, cl.op.name, n, 0, a.meta, err)
			continue
		}
		var delay time.Duration
		ok := n < c.r.maxAttempts
		if ok {
			delay, ok = c.r.policy.RetryDelay(n, err)
		}
		if !ok {
			// The call ends with err, unless an attempt may have taken
			// effect: the state then tells.
			if unknown {
				return c.settle(ctx, cl, a, sent, err)
			}
			return a.meta, attemptsError(sent, err)
		}
		delay = withRetryAfter(delay, a.retryAfter)
		c.logRetry(ctx, cl.op.name, n, delay, a.meta, err)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			if unknown {
				return a.meta, unknownOutcome(ctx, cl, sent, err, nil)
			}
			return a.meta, &AttemptsError{Attempts: sent, Err: err, Context: ctx.Err()}
		case <-t.C:
		}
	}
}

// settle decides the outcome of a call that would end with err, after its
// last attempt a, when an attempt may have taken effect: it asks the
// operation's check what the service's state shows. Confirmed, the call
// succeeds with the metadata of the response that showed it; absent, it
// ends with err, the service's answer; otherwise the outcome is unknown.
// When the caller's context has ended, no check is sent.
//
// A call whose last attempt the service answered with success (a 2xx
// whose body could not be read) is never refused: the service took it,
// and a state that does not show it yet (a read that lags) leaves the
// outcome unknown.
func (c *Client) settle(ctx context.Context, cl call, a attempt, sent int, err error) (ResponseMetadata, error) {
	unknown := func(checkErr error) error {
		u := unknownOutcome(ctx, cl, sent, err, checkErr)
		u.taken = answeredSuccess(a)
		return u
	}
	if ctx.Err() != nil {
		return a.meta, unknown(nil)
	}
	v := cl.op.check.read(ctx, c, cl.in, cl.out, cl.began, err)
	switch {
	case v.effect == effectConfirmed:
		return c.confirmed(ctx, cl, a, sent, err, v), nil
	case v.effect == effectAbsent && answeredSuccess(a):
		return a.meta, unknown(&stateError{msg: "the state does not show the " + cl.op.effect +
			", which the service answered with status " + strconv.Itoa(a.meta.StatusCode) + ": it may not show it yet"})
	case v.effect == effectAbsent:
		return a.meta, attemptsError(sent, err)
	}
	return a.meta, unknown(v.err)
}

// answeredSuccess reports whether the service answered attempt a, which
// failed, with a 2xx status: its body could not be read or decoded.
func answeredSuccess(a attempt) bool {
	return 200 <= a.meta.StatusCode && a.meta.StatusCode < 300
}

// checkFirst runs the operation's check before an attempt that follows
// one that may have reached the service, a the last attempt, which failed
// with err. When the check confirms the effect, or cannot tell, the call
// is done, with the metadata and error returned; when it shows no effect,
// the attempt is made.
func (c *Client) checkFirst(ctx context.Context, cl call, a attempt, sent int, err error) (ResponseMetadata, bool, error) {
	v := cl.op.check.read(ctx, c, cl.in, cl.out, cl.began, err)
	switch v.effect {
	case effectConfirmed:
		return c.confirmed(ctx, cl, a, sent, err, v), true, nil
	case effectAbsent:
		return ResponseMetadata{}, false, nil
	}
	return a.meta, true, unknownOutcome(ctx, cl, sent, err, v.err)
}

// confirmed returns the metadata of a call whose effect the check
// confirmed (v), after sent attempts, the last one a failed with err, and
// logs it.
func (c *Client) confirmed(ctx context.Context, cl call, a attempt, sent int, err error, v reading) ResponseMetadata {
	meta := v.meta
	meta.Attempts, meta.Confirmed = sent, true
	if cl.outSecrets != nil {
		*cl.outSecrets = v.outSecrets
	}
	c.logConfirmed(ctx, cl.op.name, sent, a.meta, err)
	return meta
}

// unknownOutcome is the error of a call whose outcome is unknown after
// sent attempts: err is the error it would have ended with, checkErr why
// the check did not settle it (nil when none was sent).
func unknownOutcome(ctx context.Context, cl call, sent int, err, checkErr error) *OutcomeUnknownError {
	return &OutcomeUnknownError{Operation: cl.op.name, Attempts: sent, Err: err, CheckErr: checkErr,
		Context: ctx.Err(), effect: cl.op.effect}
}

// boundedTry makes one attempt within the client's attempt timeout, when
// that comes before the caller's deadline. It returns the attempt's bound
// when that bound ran out, else zero.
func (c *Client) boundedTry(ctx context.Context, cl call, offset time.Duration) (attempt, time.Duration, error) {
	if !c.needsAttemptTimeout(ctx) {
		a, err := c.try(ctx, cl, offset)
		return a, 0, err
	}
	actx, cancel := context.WithTimeout(ctx, c.r.attemptTimeout)
	defer cancel()
	a, err := c.try(actx, cl, offset)
	if actx.Err() == context.DeadlineExceeded {
		return a, c.r.attemptTimeout, err
	}
	return a, 0, err
}

// needsAttemptTimeout reports whether an attempt needs a bound of its own:
// not when there is none, nor when the caller's deadline comes first.
func (c *Client) needsAttemptTimeout(ctx context.Context) bool {
	if c.r.attemptTimeout <= 0 {
		return false
	}
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > c.r.attemptTimeout
}

// attempt is what one try of a call gave.
type attempt struct {
	meta ResponseMetadata
	// sent tells that the request was handed to the HTTP client.
	sent bool
	// written tells that the request may have reached the service: a
	// response came, or the request may have been written whole before
	// the connection failed or the context ended (see writeTrace). It is
	// known only for an operation with a check.
	written bool
	// retryAfter is the service's X-Amz-Retry-After hint, if it sent one.
	retryAfter time.Duration
	// skew is the server's clock minus ours (without the offset the client
	// signs with), when the response had a Date: hasDate.
	skew    time.Duration
	hasDate bool
}

// mayHaveTakenEffect reports whether attempt a, which failed with err,
// may have taken effect. It may have when its request may have reached the
// service (see attempt.written) and no complete answer came back, or when
// the service answered with a 5xx error other than throttling. A failure
// to connect, a throttling error or a 4xx error did not take effect.
func mayHaveTakenEffect(a attempt, err error) bool {
	status := a.meta.StatusCode
	return a.written && !(400 <= status && status < 500) && !isThrottle(err)
}

// attemptState is what an attempt allocates for its request, in one
// piece: the URL (the signer sets its query), the header values, the
// body's reader, and the trace that tells whether the request was written.
type attemptState struct {
	url url.URL
	// values holds Content-Type, X-Amz-Target and User-Agent, then the
	// room where the signer writes X-Amz-Date, X-Amz-Security-Token and
	// Authorization (see sign).
	values [6]string
	body   bytes.Reader
	trace  writeTrace
}

// try makes one attempt of a call, signed at the clock plus offset.
func (c *Client) try(ctx context.Context, cl call, offset time.Duration) (attempt, error) {
	op, body := cl.op.name, cl.body
	var a attempt
	st := &attemptState{url: *c.r.endpoint, values: [6]string{contentType, cl.op.target, userAgent}}
	st.body.Reset(body)
	// Only the request's context has the trace: the credentials provider's
	// own requests must not report to it.
	rctx := ctx
	if cl.op.check != nil {
		rctx = st.trace.context(ctx)
	}
	// The signer finds the headers it signs under their lowercase names,
	// and would otherwise copy them: sign gives them their canonical names
	// back before the request is sent.
	header := make(http.Header, 8)
	header[signedContentType] = st.values[0:1:1]
	header[signedTarget] = st.values[1:2:2]
	header["User-Agent"] = st.values[2:3:3]
	// Host is left empty: net/http and the signer then take it from the
	// URL, and net/http does not copy the URL for it.
	req := (&http.Request{
		Method: http.MethodPost,
		URL:    &st.url,
		Proto:  "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        header,
		Body:          io.NopCloser(&st.body),
		GetBody:       func() (io.ReadCloser, error) { return newBody(body), nil },
		ContentLength: int64(len(body)),
	}).WithContext(rctx)
	sec, err := c.sign(ctx, req, st, body, offset)
	if err != nil {
		return a, &opError{op: op, kind: kindCredentials, err: err}
	}
	if err := ctx.Err(); err != nil {
		return a, &opError{op: op, kind: kindTransport, err: err} // not sent
	}

	a.sent = true
	sent := c.r.now()
	resp, err := c.r.httpClient.Do(req)
	if err != nil {
		if cl.op.check != nil {
			a.written = st.trace.written(err)
		}
		// net/http quotes a malformed status line or header, which a
		// hostile server may fill with the credentials.
		return a, &opError{op: op, kind: kindTransport, err: sec.redact(err)}
	}
	a.written = true
	drain := true // drain what is left of the body, to reuse its connection
	defer func() { closeBody(resp.Body, drain) }()
	a.meta = ResponseMetadata{RequestID: requestID(resp.Header, sec), StatusCode: resp.StatusCode}

	// The service's clock, which the client signs with when ours is off.
	// It is read from an error, which may be one of skew, and from every
	// response while the client keeps an offset, to unlearn the offset
	// once the clocks agree.
	if date := resp.Header["Date"]; len(date) > 0 && (resp.StatusCode >= 300 || offset != 0 || c.skew.Load() != 0) {
		if d, err := http.ParseTime(date[0]); err == nil {
			a.skew, a.hasDate = d.Sub(sent), true
		}
	}
	er := errorResponse{op: op, status: resp.StatusCode, header: resp.Header}
	switch {
	case resp.StatusCode < 200:
		// 101 Switching Protocols, the only 1xx net/http returns: its body
		// is the connection itself, and a read would wait for ever.
		drain = false
		return a, decodeAPIError(er, sec)
	case resp.StatusCode >= 300:
		// The status decides what the error is and whether to retry it;
		// the start of the body is enough to read its code and message.
		a.retryAfter = retryAfter(resp.Header)
		er.body, err = io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		// A body cut short is still the service's error when the header
		// named its code: the status and the code arrived.
		if err != nil && sanitizeErrorCode(resp.Header.Get("X-Amzn-ErrorType")) == "" {
			return a, a.responseError(op, &bodyReadError{err}, sec)
		}
		// A body that filled the bound is taken as cut there: what
		// follows was not read.
		er.cut = err != nil || len(er.body) == maxErrorBodyBytes
		return a, decodeAPIError(er, sec)
	}
	limit := c.r.maxBody
	data, err := readBody(resp.Body, resp.ContentLength, limit)
	// A body read to its end has nothing left, and one known to be over
	// the bound is not worth draining.
	drain = err != nil && resp.ContentLength <= limit
	if err == nil {
		err = cl.out.decode(string(data))
	}
	if err != nil {
		return a, a.responseError(op, err, sec)
	}
	if cl.outSecrets != nil {
		*cl.outSecrets = sec
	}
	return a, nil
}

// responseError is the error of a response that the client could not use
// because of err, with the credentials of sec replaced in it.
func (a attempt) responseError(op string, err error, sec secrets) *ResponseError {
	return &ResponseError{Operation: op, StatusCode: a.meta.StatusCode, RequestID: a.meta.RequestID, Err: sec.redact(err)}
}

// writeTrace learns from net/http whether a request may have been
// written whole.
//
// net/http may send one request more than once: a request whose write
// failed on a reused connection with nothing written is sent again on
// another, and an HTTP/2 request whose stream the server reset may be
// sent again after it was written whole. Each time it may ask for a
// connection (GetConn), get one (GotConn), and it reports the write
// (WroteRequest). A request written whole once may have reached the
// service, whatever the times after tell; otherwise the last connection
// got tells whether the write under way on it may complete.
type writeTrace struct {
	// asked tells that the HTTP client asked for a connection, and so
	// reports to the trace; got that it got one (dialled, and through
	// TLS); failed that the last write of the request, on the last
	// connection got, failed; whole that one write of the request, any
	// time, ended without an error. The transport sets them from its own
	// goroutines.
	asked, got, failed, whole atomic.Bool
	hooks                     httptrace.ClientTrace
}

// context returns ctx with a trace that fills t. A trace ctx has already
// (the caller's) is called too.
func (t *writeTrace) context(ctx context.Context) context.Context {
	t.hooks.GetConn = func(string) { t.asked.Store(true) }
	t.hooks.GotConn = func(httptrace.GotConnInfo) {
		// A new connection: the write on it is the one under way.
		t.got.Store(true)
		t.failed.Store(false)
	}
	t.hooks.WroteRequest = func(info httptrace.WroteRequestInfo) {
		t.failed.Store(info.Err != nil)
		if info.Err == nil {
			t.whole.Store(true)
		}
	}
	return httptrace.WithClientTrace(ctx, &t.hooks)
}

// written reports whether a request that failed with err may have reached
// the service. When the HTTP client reported to the trace, the trace
// tells: the request may have been written whole once any of its writes
// ended without an error, or once a connection was got, unless the last
// write on it failed. A request whose write was under way when the
// context ended counts as written, for the transport reports the end of a
// write after it sent the last bytes. Otherwise (an HTTPClient that sends
// with a context of its own) only a failure to connect shows that nothing
// was written.
func (t *writeTrace) written(err error) bool {
	if t.asked.Load() {
		return t.whole.Load() || t.got.Load() && !t.failed.Load()
	}
	var dnsErr *net.DNSError
	var netErr *net.OpError
	return !errors.As(err, &dnsErr) && !(errors.As(err, &netErr) && netErr.Op == "dial")
}

// Names of the signed headers as the signer finds them while it signs
// (see try and sign).
const (
	signedContentType = "content-type"
	signedTarget      = "x-amz-target"
)

// noPathEscaping is the signer's option for an endpoint whose path needs
// no escaping: the signer's escape of it would give it back the same.
func noPathEscaping(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }

// sign signs req, whose body is body and whose state is st, with SigV4
// for the logs service, at the clock plus offset. It returns the
// credentials it signed with and the signature, which no error may show.
//
// The signer writes the headers it sets into room that st has for them,
// and finds the headers it signs under their lowercase names. sign then
// gives Content-Type and X-Amz-Target their canonical names, which the
// request is sent with. The signature covers the same headers either way.
func (c *Client) sign(ctx context.Context, req *http.Request, st *attemptState, body []byte, offset time.Duration) (secrets, error) {
	h := req.Header
	defer func() {
		// Deleted first, so that the map keeps to the room it has.
		delete(h, signedContentType)
		delete(h, signedTarget)
		h["Content-Type"], h["X-Amz-Target"] = st.values[0:1:1], st.values[1:2:2]
	}()
	if c.r.anonymous {
		return secrets{}, nil
	}
	creds, err := c.options.Credentials.Retrieve(ctx)
	if err != nil {
		return secrets{}, fmt.Errorf("retrieve credentials: %w", err)
	}
	h["X-Amz-Date"] = st.values[3:3:4]
	if creds.SessionToken != "" {
		h["X-Amz-Security-Token"] = st.values[4:4:5]
	}
	h["Authorization"] = st.values[5:5:6]
	sum := sha256.Sum256(body)
	var payloadHash [2 * sha256.Size]byte
	hex.Encode(payloadHash[:], sum[:])
	signingTime := c.r.now().Add(offset)
	if c.r.plainPath {
		err = c.signer.SignHTTP(ctx, creds, req, string(payloadHash[:]), signingName, c.r.signingRegion, signingTime, noPathEscaping)
	} else {
		err = c.signer.SignHTTP(ctx, creds, req, string(payloadHash[:]), signingName, c.r.signingRegion, signingTime)
	}
	var signature string
	if auth := h["Authorization"]; len(auth) > 0 {
		_, signature, _ = strings.Cut(auth[0], "Signature=")
	}
	return newSecrets(creds, signature), err
}

// readBody reads body to its end, whose length is size if known (else
// -1), up to limit bytes; a longer body is an error.
func readBody(body io.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, bodyTooLargeError(limit)
	}
	// Up to one byte more than the limit is read, to tell a longer body;
	// stop is that count, which a limit of math.MaxInt64 cannot exceed.
	stop := limit
	if stop < math.MaxInt64 {
		stop++
	}
	// The buffer has room for the whole body and one byte more, so that its
	// end is read without a second buffer. A length beyond what a default
	// body may be is not taken on trust: the buffer grows instead.
	if size < 0 {
		size = 512
	}
	buf := make([]byte, 0, min(size, DefaultMaxResponseBytes)+1)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), stop-int64(len(buf)))))
		}
		p := buf[len(buf):min(int64(cap(buf)), stop)]
		n, err := body.Read(p)
		if n < 0 || n > len(p) {
			// A body that breaks io.Reader's contract: an error, not a
			// slice out of range.
			return nil, &bodyReadError{fmt.Errorf("body read %d bytes into a buffer of %d", n, len(p))}
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, bodyTooLargeError(limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, &bodyReadError{err}
		}
	}
}

// closeBody closes body. If drain is set, it first drains a little of
// what is left, for at most drainTimeout, so that its connection can be
// reused.
func closeBody(body io.ReadCloser, drain bool) {
	if drain {
		// Close makes a Read under way return, in net/http's bodies.
		t := time.AfterFunc(drainTimeout, func() { _ = body.Close() })
		_, _ = io.CopyN(io.Discard, body, errorBodyRead)
		t.Stop()
	}
	_ = body.Close()
}

// newBody returns a request body that reads b. It must be a *bytes.Reader
// in io.NopCloser: net/http sends the headers and such a body in one
// write. Before a body of another type it flushes the headers on their
// own, which costs one more packet, and a wait, per call.
func newBody(b []byte) io.ReadCloser {
	return io.NopCloser(bytes.NewReader(b))
}
