package cwlogs_test

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// What every case of TestHostileServers checks besides its own table row:
// goroutines, printed credentials, one-line errors; and the error classes
// the rows name.

// checkGoroutines fails the test if, once idle connections are closed and a
// short while has passed, more goroutines run than before the case, apart
// from those of the servers.
func checkGoroutines(t *testing.T, before int, servers func() int, closers []func()) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		for _, c := range closers {
			c()
		}
		n := runtime.NumGoroutine() - servers()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines after the case (the servers' apart), %d before; of the client and its connections:\n%s",
				n, before, strings.Join(leakedGoroutines(), "\n\n"))
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// errorForms returns everything an error prints: each error of its chain
// with Error and the fmt verbs, and each exported field of those that are
// structs (the Code, Message and RequestID of an *APIError, say).
func errorForms(err error) []string {
	var forms []string
	var walk func(e error)
	walk = func(e error) {
		if e == nil {
			return
		}
		forms = append(forms, e.Error(), fmt.Sprintf("%v %+v %#v %s %q", e, e, e, e, e))
		v := reflect.ValueOf(e)
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					f := v.Field(i).Interface()
					forms = append(forms, fmt.Sprintf("%v %+v %#v", f, f, f))
				}
			}
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, w := range u.Unwrap() {
				walk(w)
			}
		}
	}
	walk(err)
	return forms
}

// leakedPart returns a part of canary, 12 bytes or more, found in s: a
// credential cut at a length bound is still a leak.
func leakedPart(s, canary string) string {
	const window = 12
	for i := 0; i+window <= len(canary); i++ {
		if strings.Contains(s, canary[i:i+window]) {
			return canary[i : i+window]
		}
	}
	return ""
}

// maxErrorLen bounds the length of an error string: messages are cut to a
// few KiB.
const maxErrorLen = 16 << 10

// oneLineError tells what is wrong with an error string, if anything: it
// must start with "cwlogs: ", hold no line break or other control
// character, and be at most maxErrorLen bytes.
func oneLineError(s string) string {
	if !strings.HasPrefix(s, "cwlogs: ") {
		return fmt.Sprintf("error %.200q does not start with \"cwlogs: \"", s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r < ' ' || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
	}); i >= 0 {
		return fmt.Sprintf("error holds a line break or control character at byte %d: %.200q", i, s[max(i-100, 0):])
	}
	if len(s) > maxErrorLen {
		return fmt.Sprintf("error is %d bytes long, want at most %d", len(s), maxErrorLen)
	}
	return ""
}

// The classes of errors.

func success(err error) string {
	if err != nil {
		return "want success"
	}
	return ""
}

// refused accepts any error: a client that could not be made.
func refused(err error) string {
	if err == nil {
		return "want an error"
	}
	return ""
}

func is(target error) errClass {
	return func(err error) string {
		if !errors.Is(err, target) {
			return fmt.Sprintf("want an error that matches %v", target)
		}
		return ""
	}
}

func isNot(target error) errClass {
	return func(err error) string {
		if err == nil {
			return "want an error"
		}
		if errors.Is(err, target) {
			return fmt.Sprintf("want an error that does not match %v", target)
		}
		return ""
	}
}

// apiStatus wants an *APIError with that status.
func apiStatus(status int) errClass {
	return func(err error) string {
		var apiErr *cwlogs.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
			return fmt.Sprintf("want an *APIError with status %d", status)
		}
		return ""
	}
}

// notResponse wants an error that is no response: neither an *APIError
// nor an invalid response.
func notResponse(err error) string {
	var apiErr *cwlogs.APIError
	if err == nil || errors.As(err, &apiErr) || errors.Is(err, cwlogs.ErrInvalidResponse) {
		return "want an error of the connection"
	}
	return ""
}

func retryable(err error) string {
	if !cwlogs.IsRetryable(err) {
		return "want a retryable error"
	}
	return ""
}

func all(classes ...errClass) errClass {
	return func(err error) string {
		for _, c := range classes {
			if p := c(err); p != "" {
				return p
			}
		}
		return ""
	}
}

func anyOf(classes ...errClass) errClass {
	return func(err error) string {
		var problems []string
		for _, c := range classes {
			p := c(err)
			if p == "" {
				return ""
			}
			problems = append(problems, p)
		}
		return strings.Join(problems, ", or ")
	}
}
