package awsenv

import (
	"testing"
)

// TestOptionsEndpoint checks where the endpoint comes from: the flag, else
// with -live the environment, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
// says to ignore it.
func TestOptionsEndpoint(t *testing.T) {
	t.Parallel()
	base := map[string]string{
		"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDFAKE", "AWS_SECRET_ACCESS_KEY": "fake",
		"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs:1", "AWS_ENDPOINT_URL": "http://global:2",
	}
	tests := []struct {
		name    string
		remote  Remote
		env     map[string]string
		want    string // "" for the region's endpoint
		wantErr string
	}{
		{"service endpoint", Remote{Live: true}, nil, "http://logs:1", ""},
		{"global endpoint", Remote{Live: true}, map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": ""}, "http://global:2", ""},
		{"ignored", Remote{Live: true}, map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"}, "", ""},
		{"not ignored", Remote{Live: true}, map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, "http://logs:1", ""},
		{"flag not ignored", Remote{Endpoint: "http://flag:3"}, map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, "http://flag:3", ""},
		{"bad value", Remote{Live: true}, map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "yes"}, "",
			`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is "yes", want true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			getenv := func(k string) string {
				if v, ok := tt.env[k]; ok {
					return v
				}
				return base[k]
			}
			o, err := Options(tt.remote, getenv)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if o.BaseEndpoint != nil {
				got = *o.BaseEndpoint
			}
			if got != tt.want {
				t.Errorf("BaseEndpoint = %q, want %q", got, tt.want)
			}
		})
	}
}
