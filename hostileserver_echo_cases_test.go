package cwlogs_test

import (
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// hostileErrorJSON is a complete ResourceNotFoundException body.
const hostileErrorJSON = `{"__type":"ResourceNotFoundException","message":"no such integration"}`

// echoHostileCases are the cases of servers that put into their answers
// what no text of the client may show: the client's credentials, in every
// place an answer has, and line breaks; and of endpoints that carry a
// secret, which no client may be made with.
func echoHostileCases() []hostileCase {
	secrets := hostileSecret + " " + hostileToken
	return []hostileCase{
		{name: "echo: the canonical request in the message", serve: fixed(echoCanonical(hostileSecret)),
			want: is(cwlogs.ErrInvalidCredentials), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id", serve: fixed(reply(400, "X-Amzn-RequestId: "+secrets+"\r\n", hostileErrorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id cut at its bound", serve: fixed(reply(400, "X-Amzn-RequestId: "+strings.Repeat("r", 240)+hostileToken+"\r\n", hostileErrorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "echo: X-Amzn-ErrorType", serve: fixed(reply(400, "X-Amzn-ErrorType: "+hostileToken+"\r\n", `{"message":"`+hostileSecret+`"}`)),
			want: apiStatus(400), attempts: 1, within: 3 * time.Second},
		{name: "echo: __type and Message", serve: fixed(reply(400, "", `{"__type":"com.amazonaws.logs#`+hostileToken+`","Message":"`+hostileSecret+`"}`)),
			want: apiStatus(400), attempts: 1, within: 3 * time.Second},
		{name: "echo: an HTML 502 page", serve: fixed(reply(502, "Content-Type: text/html\r\n",
			"<html><body><h1>502 Bad Gateway</h1><p>token="+hostileToken+"</p><pre>"+hostileSecret+"</pre></body></html>")),
			want: apiStatus(502), attempts: 3, within: 3 * time.Second},
		{name: "echo: a 1 MiB message of credentials", serve: fixed(reply(400, "X-Amzn-ErrorType: AccessDeniedException\r\n",
			`{"message":"`+strings.Repeat(secrets+" ", (1<<20)/(len(secrets)+1))+`"}`)),
			want: is(cwlogs.ErrAccessDenied), attempts: 1, within: 3 * time.Second},
		{name: "echo: a token cut by the 1 MiB error bound", serve: fixed(reply(502, "Content-Type: text/html\r\n",
			// One tag, then the token, which the bound cuts 20 bytes in.
			"<p "+strings.Repeat("a", (1<<20)-3-1-20)+">"+hostileToken)),
			want: apiStatus(502), attempts: 3, within: 3 * time.Second},
		{name: "echo: union member names in a 200", serve: fixed(reply(200, "",
			`{"integrationName":"x","integrationDetails":{"`+hostileToken+`":{},"`+hostileSecret+`":{}}}`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id of an invalid 200", serve: fixed(reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"integrationName":`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, within: 3 * time.Second},

		{name: "line breaks in the request id", serve: fixed(reply(400, "X-Amzn-RequestId: a\u2028b\u0085c\u2029d\r\n", hostileErrorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "a 1 MiB message with line breaks", serve: fixed(reply(400, "X-Amzn-ErrorType: ValidationException\r\n",
			`{"message":"`+strings.Repeat(`line\nbreak\u2028`, (1<<20)/20)+`"}`)),
			want: is(cwlogs.ErrValidation), attempts: 1, within: 3 * time.Second},

		{name: "BaseEndpoint secret: user info without a scheme", endpoint: func(u string) string {
			return "user:" + hostileSecret + "@" + strings.TrimPrefix(u, "http://")
		}, want: refused},
		{name: "BaseEndpoint secret: user info after a bare scheme", endpoint: func(u string) string {
			return "http:user:" + hostileSecret + "@" + strings.TrimPrefix(u, "http://")
		}, want: refused},
		{name: "BaseEndpoint secret: query", endpoint: func(u string) string {
			return u + "/?X-Amz-Security-Token=" + hostileToken
		}, want: refused},
		{name: "BaseEndpoint secret: fragment", endpoint: func(u string) string {
			return u + "/#" + hostileToken
		}, want: refused},
	}
}
