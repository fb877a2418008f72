package cwlogs

import (
	"context"
	"log/slog"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// fakeGetter is an implementation of GetIntegrationAPI that is not a
// *Client.
type fakeGetter struct{}

func (fakeGetter) GetIntegration(context.Context, *GetIntegrationInput, ...func(*Options)) (*GetIntegrationOutput, error) {
	return &GetIntegrationOutput{}, nil
}

// TestLoggerOf checks the logger a waiter finds for the calls it makes.
func TestLoggerOf(t *testing.T) {
	t.Parallel()
	clientLogger, callLogger := slog.New(slog.DiscardHandler), slog.New(slog.DiscardHandler)
	c, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, Logger: clientLogger})
	if err != nil {
		t.Fatal(err)
	}
	setCall := func(o *Options) { o.Logger = callLogger }
	setNil := func(o *Options) { o.Logger = nil }
	tests := []struct {
		name   string
		api    GetIntegrationAPI
		optFns []func(*Options)
		want   *slog.Logger
	}{
		{"client", c, nil, clientLogger},
		{"per-call logger", c, []func(*Options){setCall}, callLogger},
		{"per-call nil", c, []func(*Options){setCall, setNil}, nil},
		{"nil client", (*Client)(nil), nil, nil},
		{"client not made by New", &Client{}, nil, nil},
		{"another implementation", fakeGetter{}, []func(*Options){setCall}, nil},
	}
	for _, tt := range tests {
		if got := loggerOf(tt.api, tt.optFns); got != tt.want {
			t.Errorf("%s: loggerOf = %p, want %p", tt.name, got, tt.want)
		}
	}
	if c.options.Logger != clientLogger {
		t.Error("loggerOf with per-call options changed the client's logger")
	}
}
