package compat_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cwlogs-go/cwlogs"
)

func TestProbe(t *testing.T) {
	rs := readRecorded(t)
	hc := &http.Client{Transport: byNameTransport{rs}}
	off := newOfficial(hc, "")
	cw := newCwlogs(t, hc, "")
	var names []string
	for n := range rs { names = append(names, n) }
	sort.Strings(names)
	for _, n := range names {
		o, oerr := off.GetIntegration(context.Background(), &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(n)})
		c, cerr := cw.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: n})
		fmt.Printf("== %s\n", n)
		if oerr != nil {
			var ae smithy.APIError; var re *awshttp.ResponseError
			code := ""
			if errors.As(oerr, &ae) { code = ae.ErrorCode()+" | "+ae.ErrorMessage() }
			st, id := 0, ""
			if errors.As(oerr, &re) { st, id = re.HTTPStatusCode(), re.ServiceRequestID() }
			fmt.Printf("  off err %T: %v\n   code=%s st=%d id=%s\n", oerr, oerr, code, st, id)
		} else {
			fmt.Printf("  off details %T %+v\n", o.IntegrationDetails, o.IntegrationDetails)
		}
		if cerr != nil { fmt.Printf("  cw err: %v\n", cerr) } else { fmt.Printf("  cw details %T\n", c.IntegrationDetails) }
	}
}
