package cwlogstest

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestWriteInvalidStatus gives write a response whose status net/http
// cannot send, which no setter lets a test set: the answer is a 500 that
// names the problem, not a panic.
func TestWriteInvalidStatus(t *testing.T) {
	for _, status := range []int{42, 100, 1000} {
		w := httptest.NewRecorder()
		write(w, Response{StatusCode: status, Body: []byte(`{}`)}, "id", time.Now())
		body := w.Body.String()
		if w.Code != 500 || !strings.Contains(body, fmt.Sprintf("status %d is not a final HTTP status", status)) ||
			!strings.HasPrefix(w.Header().Get("X-Amzn-ErrorType"), "CwlogstestInvalidResponse") {
			t.Errorf("status %d: got %d %v %s, want a 500 CwlogstestInvalidResponse naming the invalid status", status, w.Code, w.Header(), body)
		}
	}
}
