package cwlogs

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"
)

// The messages of the client's log records (see Options.Logger).
const (
	logMsgRetry     = "cwlogs: attempt failed, retrying"
	logMsgFailed    = "cwlogs: call failed"
	logMsgConfirmed = "cwlogs: result confirmed after an attempt whose outcome was unknown"
	logMsgUnknown   = "cwlogs: outcome unknown after an attempt that may have taken effect"
	logMsgPoll      = "cwlogs: waiter poll"
)

// logRetry records that attempt number attempt of op failed with err,
// whose response had the metadata meta, and is tried again after delay.
func (c *Client) logRetry(ctx context.Context, op string, attempt int, delay time.Duration, meta ResponseMetadata, err error) {
	l := c.r.logger
	if l == nil || !l.Enabled(ctx, slog.LevelWarn) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7),
		slog.String("operation", op), slog.Int("attempt", attempt), slog.Duration("delay", delay))
	attrs = appendErrorAttrs(attrs, meta, err)
	l.LogAttrs(ctx, slog.LevelWarn, logMsgRetry, attrs...)
}

// logFailure records that a call of op ended with err, after the attempts
// meta counts.
func (c *Client) logFailure(ctx context.Context, op string, meta ResponseMetadata, err error) {
	l := c.r.logger
	if l == nil {
		return
	}
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) {
		c.logUnknown(ctx, op, meta, unknown)
		return
	}
	level := failureLevel(err)
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7), slog.String("operation", op), slog.Int("attempts", meta.Attempts))
	attrs = appendErrorAttrs(attrs, meta, err)
	l.LogAttrs(ctx, level, logMsgFailed, attrs...)
}

// logConfirmed records that a call of op, after attempts attempts, was
// confirmed a success although its last attempt failed with err, whose
// response had the metadata meta.
func (c *Client) logConfirmed(ctx context.Context, op string, attempts int, meta ResponseMetadata, err error) {
	l := c.r.logger
	if l == nil || !l.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7), slog.String("operation", op), slog.Int("attempts", attempts))
	attrs = appendErrorAttrs(attrs, meta, err)
	l.LogAttrs(ctx, slog.LevelInfo, logMsgConfirmed, attrs...)
}

// logUnknown records that a call of op ended with an unknown outcome, after
// the attempts meta counts: at Error, or at Warn when the caller's context
// ended it. The code, status and request id are those of the last
// attempt's error; the error's text names the check's error too.
func (c *Client) logUnknown(ctx context.Context, op string, meta ResponseMetadata, err *OutcomeUnknownError) {
	l := c.r.logger
	level := slog.LevelError
	if err.Context != nil {
		level = slog.LevelWarn
	}
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7), slog.String("operation", op), slog.Int("attempts", err.Attempts))
	attrs = appendResponseAttrs(attrs, meta, err.Err)
	attrs = append(attrs, slog.String("error", err.Error()))
	l.LogAttrs(ctx, level, logMsgUnknown, attrs...)
}

// appendErrorAttrs appends what a record tells of err, whose response had
// the metadata meta: the error code, the HTTP status and the request id
// when known, and the error's text. Each comes from the error, whose
// fields and text hold no credential (the client replaced any the service
// echoed), and never from a body or a header as received.
func appendErrorAttrs(attrs []slog.Attr, meta ResponseMetadata, err error) []slog.Attr {
	attrs = appendResponseAttrs(attrs, meta, err)
	return append(attrs, slog.String("error", err.Error()))
}

// appendResponseAttrs appends the error code, the HTTP status and the
// request id of err, when known, as appendErrorAttrs does. err may be nil.
func appendResponseAttrs(attrs []slog.Attr, meta ResponseMetadata, err error) []slog.Attr {
	code, status, id := "", meta.StatusCode, meta.RequestID
	var apiErr *APIError
	var respErr *ResponseError
	switch {
	case errors.As(err, &apiErr):
		code, status, id = apiErr.Code, apiErr.StatusCode, apiErr.RequestID
	case errors.As(err, &respErr):
		status, id = respErr.StatusCode, respErr.RequestID
	}
	if code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	}
	return attrs
}

// failureLevel is the level of the record of a call that ended with err:
//   - Error when the service or the network failed: a 5xx error other than
//     throttling, no response or a response the client could not use, an
//     attempt timed out, or the credentials provider failed;
//   - Warn for throttling that outlasted the retries, and for the caller's
//     deadline when no attempt had failed before it: the call was slow;
//   - Info for an error of the caller's (a 4xx error such as
//     ResourceNotFoundException, or an input the service refused) and for
//     a context the caller cancelled: the caller has the error and decides.
func failureLevel(err error) slog.Level {
	if errors.Is(err, context.Canceled) {
		return slog.LevelInfo
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch {
		case isThrottle(apiErr):
			return slog.LevelWarn
		case apiErr.StatusCode >= http.StatusInternalServerError:
			return slog.LevelError
		}
		return slog.LevelInfo
	}
	var attemptsErr *AttemptsError
	if errors.As(err, &attemptsErr) && attemptsErr.Context != nil && errors.Is(attemptsErr.Err, attemptsErr.Context) {
		return slog.LevelWarn
	}
	return slog.LevelError
}

// loggerOf returns the logger that the calls of api made with optFns log
// to: Options.Logger of a [*Client], as optFns leave it, or nil for any
// other implementation of the interface, and for a client not made by
// [New].
func loggerOf(api any, optFns []func(*Options)) *slog.Logger {
	if k, ok := api.(keepingClient); ok {
		api = k.Client
	}
	c, ok := api.(*Client)
	if !ok || c == nil {
		return nil
	}
	if len(optFns) == 0 {
		return c.options.Logger
	}
	return c.callOptions(optFns).Logger
}

// logPoll records poll p of the waiter for the integration name, at Info:
// the integration's status and the resources not active yet, or the
// poll's error, and the delay before the next poll (0 after the last).
// What came from the service is bounded as in errors, and scrubbed of
// sec, the secrets of the poll's request.
func logPoll(ctx context.Context, logger *slog.Logger, waiter, name string, p WaitPoll, sec secrets) {
	if logger == nil || !logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7),
		slog.String("waiter", waiter), slog.String("integration", name),
		slog.Int("attempt", p.Attempt), slog.Duration("next", p.Next))
	if p.Output != nil {
		problems := p.Output.Problems()
		pending := make([]string, len(problems))
		for i, r := range problems {
			pending[i] = resourceState(r, sec)
		}
		attrs = append(attrs, slog.String("status", statusText(sec.scrub(string(p.Output.IntegrationStatus)))),
			slog.Any("not_active", pending))
	}
	if p.Err != nil {
		attrs = append(attrs, slog.String("error", p.Err.Error()))
	}
	logger.LogAttrs(ctx, slog.LevelInfo, logMsgPoll, attrs...)
}

// logSourcePoll records poll p of the waiter for the source in, at Info:
// the source's status and status reason (bounded as in errors, and
// scrubbed of sec, the secrets of the poll's request), or the poll's
// error, and the delay before the next poll (0 after the last).
func logSourcePoll(ctx context.Context, logger *slog.Logger, waiter string, in S3TableIntegrationSourceWaitInput, p S3TableIntegrationSourceWaitPoll, sec secrets) {
	if logger == nil || !logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 8),
		slog.String("waiter", waiter), slog.String("integration_arn", in.IntegrationArn), slog.String("identifier", in.Identifier),
		slog.Int("attempt", p.Attempt), slog.Duration("next", p.Next))
	if p.Source != nil {
		attrs = append(attrs, slog.String("status", boundedChars(sec.scrub(string(p.Source.Status)), maxStatusText)))
		if p.Source.StatusReason != "" {
			attrs = append(attrs, slog.String("status_reason", boundedChars(oneLine(sec.scrub(p.Source.StatusReason)), maxProblemMessage)))
		}
	}
	if p.Err != nil {
		attrs = append(attrs, slog.String("error", p.Err.Error()))
	}
	logger.LogAttrs(ctx, slog.LevelInfo, logMsgPoll, attrs...)
}

// logPagingFailure records that paging through ListSourcesForS3TableIntegration
// with client failed with err after a page that succeeded, whose metadata
// is meta: the error is the paginator's, not a call's, which the client
// has not logged.
func logPagingFailure(ctx context.Context, client any, optFns []func(*Options), op string, meta ResponseMetadata, err error) {
	l := loggerOf(client, optFns)
	if l == nil || !l.Enabled(ctx, slog.LevelError) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7), slog.String("operation", op), slog.Int("attempts", meta.Attempts))
	attrs = appendErrorAttrs(attrs, meta, err)
	l.LogAttrs(ctx, slog.LevelError, logMsgFailed, attrs...)
}
