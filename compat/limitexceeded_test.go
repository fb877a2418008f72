package compat_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestLimitExceededNotRetried answers PutIntegration with
// LimitExceededException, which in CloudWatch Logs means a quota (the
// account already has its integration), not a rate. The official standard
// retryer counts it among its throttling codes and tries three times (with
// backoffs of up to seconds, set to zero here); cwlogs, allowed three
// attempts with near-zero backoffs, makes one and returns an error that
// matches cwlogs.ErrLimitExceeded and not cwlogs.ErrThrottling. That is a
// named difference: "LimitExceededException: official 3 attempts, cwlogs
// 1".
func TestLimitExceededNotRetried(t *testing.T) {
	resp := cwlogstest.ErrorResponse(400, "LimitExceededException", "Only one integration is allowed per account")
	ctx := context.Background()
	put := putCall("lifecycle", fullConfig)

	officialRT := &recordingTransport{response: resp}
	official := cloudwatchlogs.New(cloudwatchlogs.Options{
		Region:      region,
		Credentials: staticCredentials(),
		HTTPClient:  &http.Client{Transport: officialRT},
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		}),
	})
	_, oErr := put.official(ctx, official)
	var oAPI smithy.APIError
	if !errors.As(oErr, &oAPI) || oAPI.ErrorCode() != "LimitExceededException" {
		t.Errorf("official error = %v, want LimitExceededException", oErr)
	}
	if n := len(officialRT.sent()); n != 3 {
		t.Errorf("official made %d attempts, want 3 (its standard retryer backs off from the code)", n)
	}

	cwRT := &recordingTransport{response: resp}
	cw, err := cwlogs.New(cwlogs.Options{
		Region:           region,
		Credentials:      staticCredentials(),
		HTTPClient:       &http.Client{Transport: cwRT},
		RetryMaxAttempts: 3,
		RetryPolicy:      cwlogs.StandardRetry{Base: time.Microsecond, ThrottleBase: time.Microsecond, Cap: time.Microsecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, cErr := put.cwlogs(ctx, cw)
	var cAPI *cwlogs.APIError
	if !errors.As(cErr, &cAPI) || cAPI.Code != "LimitExceededException" {
		t.Errorf("cwlogs error = %v, want LimitExceededException", cErr)
	}
	if !errors.Is(cErr, cwlogs.ErrLimitExceeded) || errors.Is(cErr, cwlogs.ErrThrottling) {
		t.Errorf("cwlogs error = %v, want it to match ErrLimitExceeded and not ErrThrottling", cErr)
	}
	if n := len(cwRT.sent()); n != 1 {
		t.Errorf("cwlogs made %d attempts, want 1", n)
	}
	t.Logf("named difference: LimitExceededException: official %d attempts, cwlogs %d", len(officialRT.sent()), len(cwRT.sent()))
}
