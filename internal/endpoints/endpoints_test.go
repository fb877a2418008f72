package endpoints

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Expected URLs marked "sdk" are the official SDK's own endpoint test
// expectations (service/cloudwatchlogs v1.92.2); the rest were checked by
// running that SDK against a fake transport.

func TestResolveEndpointPartitions(t *testing.T) {
	tests := []struct {
		region                      string
		plain, fips, dual, fipsDual string
	}{
		{ // aws, sdk
			region:   "us-east-1",
			plain:    "https://logs.us-east-1.amazonaws.com/",
			fips:     "https://logs-fips.us-east-1.amazonaws.com/",
			dual:     "https://logs.us-east-1.api.aws/",
			fipsDual: "https://logs-fips.us-east-1.api.aws/",
		},
		{ // aws-cn, sdk
			region:   "cn-north-1",
			plain:    "https://logs.cn-north-1.amazonaws.com.cn/",
			fips:     "https://logs-fips.cn-north-1.amazonaws.com.cn/",
			dual:     "https://logs.cn-north-1.api.amazonwebservices.com.cn/",
			fipsDual: "https://logs-fips.cn-north-1.api.amazonwebservices.com.cn/",
		},
		{ // aws-us-gov, sdk; FIPS alone is the GovCloud exception
			region:   "us-gov-east-1",
			plain:    "https://logs.us-gov-east-1.amazonaws.com/",
			fips:     "https://logs.us-gov-east-1.amazonaws.com/",
			dual:     "https://logs.us-gov-east-1.api.aws/",
			fipsDual: "https://logs-fips.us-gov-east-1.api.aws/",
		},
		{ // aws-us-gov, sdk (plain, fips)
			region:   "us-gov-west-1",
			plain:    "https://logs.us-gov-west-1.amazonaws.com/",
			fips:     "https://logs.us-gov-west-1.amazonaws.com/",
			dual:     "https://logs.us-gov-west-1.api.aws/",
			fipsDual: "https://logs-fips.us-gov-west-1.api.aws/",
		},
		{ // aws-us-gov, a region the exception does not name
			region:   "us-gov-north-1",
			plain:    "https://logs.us-gov-north-1.amazonaws.com/",
			fips:     "https://logs-fips.us-gov-north-1.amazonaws.com/",
			dual:     "https://logs.us-gov-north-1.api.aws/",
			fipsDual: "https://logs-fips.us-gov-north-1.api.aws/",
		},
		{ // aws-iso, sdk (plain, fips)
			region:   "us-iso-east-1",
			plain:    "https://logs.us-iso-east-1.c2s.ic.gov/",
			fips:     "https://logs-fips.us-iso-east-1.c2s.ic.gov/",
			dual:     "https://logs.us-iso-east-1.api.aws.ic.gov/",
			fipsDual: "https://logs-fips.us-iso-east-1.api.aws.ic.gov/",
		},
		{ // aws-iso-b, sdk (plain, fips)
			region:   "us-isob-east-1",
			plain:    "https://logs.us-isob-east-1.sc2s.sgov.gov/",
			fips:     "https://logs-fips.us-isob-east-1.sc2s.sgov.gov/",
			dual:     "https://logs.us-isob-east-1.api.aws.scloud/",
			fipsDual: "https://logs-fips.us-isob-east-1.api.aws.scloud/",
		},
		{ // aws-iso-e
			region:   "eu-isoe-west-1",
			plain:    "https://logs.eu-isoe-west-1.cloud.adc-e.uk/",
			fips:     "https://logs-fips.eu-isoe-west-1.cloud.adc-e.uk/",
			dual:     "https://logs.eu-isoe-west-1.api.cloud-aws.adc-e.uk/",
			fipsDual: "https://logs-fips.eu-isoe-west-1.api.cloud-aws.adc-e.uk/",
		},
		{ // aws-iso-f
			region:   "us-isof-south-1",
			plain:    "https://logs.us-isof-south-1.csp.hci.ic.gov/",
			fips:     "https://logs-fips.us-isof-south-1.csp.hci.ic.gov/",
			dual:     "https://logs.us-isof-south-1.api.aws.hci.ic.gov/",
			fipsDual: "https://logs-fips.us-isof-south-1.api.aws.hci.ic.gov/",
		},
		{ // aws-eusc
			region:   "eusc-de-east-1",
			plain:    "https://logs.eusc-de-east-1.amazonaws.eu/",
			fips:     "https://logs-fips.eusc-de-east-1.amazonaws.eu/",
			dual:     "https://logs.eusc-de-east-1.api.amazonwebservices.eu/",
			fipsDual: "https://logs-fips.eusc-de-east-1.api.amazonwebservices.eu/",
		},
		{ // unknown region: falls back to aws
			region:   "mars-east-1",
			plain:    "https://logs.mars-east-1.amazonaws.com/",
			fips:     "https://logs-fips.mars-east-1.amazonaws.com/",
			dual:     "https://logs.mars-east-1.api.aws/",
			fipsDual: "https://logs-fips.mars-east-1.api.aws/",
		},
		{ // listed by aws-cn, not matched by its regex
			region:   "aws-cn-global",
			plain:    "https://logs.aws-cn-global.amazonaws.com.cn/",
			fips:     "https://logs-fips.aws-cn-global.amazonaws.com.cn/",
			dual:     "https://logs.aws-cn-global.api.amazonwebservices.com.cn/",
			fipsDual: "https://logs-fips.aws-cn-global.api.amazonwebservices.com.cn/",
		},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			name            string
			fips, dualStack bool
			want            string
		}{
			{"plain", false, false, tt.plain},
			{"fips", true, false, tt.fips},
			{"dualstack", false, true, tt.dual},
			{"fips+dualstack", true, true, tt.fipsDual},
		} {
			t.Run(tt.region+"/"+mode.name, func(t *testing.T) {
				u, err := Resolve(tt.region, "", mode.fips, mode.dualStack)
				if err != nil {
					t.Fatalf("Resolve: %v", err)
				}
				if diff := cmp.Diff(mode.want, u.String()); diff != "" {
					t.Errorf("URL mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestResolveEndpoint(t *testing.T) {
	tests := []struct {
		name            string
		region          string
		baseEndpoint    string
		fips, dualStack bool
		want            string // URL, or
		wantErr         string
	}{
		// Pseudo-regions.
		{name: "fips prefix", region: "fips-us-east-1", want: "https://logs-fips.us-east-1.amazonaws.com/"},
		{name: "fips suffix", region: "us-west-2-fips", want: "https://logs-fips.us-west-2.amazonaws.com/"},
		{name: "fips infix", region: "us-fips-east-1", want: "https://logs-fips.us-east-1.amazonaws.com/"},
		{name: "fips prefix with fips option", region: "fips-us-east-1", fips: true, want: "https://logs-fips.us-east-1.amazonaws.com/"},
		{name: "fips suffix in govcloud", region: "us-gov-east-1-fips", want: "https://logs.us-gov-east-1.amazonaws.com/"},
		{name: "fips prefix in govcloud with dual-stack", region: "fips-us-gov-west-1", dualStack: true, want: "https://logs-fips.us-gov-west-1.api.aws/"},
		{name: "fips prefix in aws-cn", region: "fips-cn-northwest-1", want: "https://logs-fips.cn-northwest-1.amazonaws.com.cn/"},
		{name: "bare fips is a region", region: "fips", want: "https://logs.fips.amazonaws.com/"},

		// Regions the partitions list beside their regexes.
		{name: "aws-global", region: "aws-global", want: "https://logs.aws-global.amazonaws.com/"},
		{name: "aws-iso-global", region: "aws-iso-global", want: "https://logs.aws-iso-global.c2s.ic.gov/"},
		{name: "aws-iso-b-global", region: "aws-iso-b-global", want: "https://logs.aws-iso-b-global.sc2s.sgov.gov/"},
		{name: "aws-iso-e-global", region: "aws-iso-e-global", want: "https://logs.aws-iso-e-global.cloud.adc-e.uk/"},
		{name: "aws-iso-f-global", region: "aws-iso-f-global", want: "https://logs.aws-iso-f-global.csp.hci.ic.gov/"},

		// Other regions.
		{name: "sdk eu-west-3", region: "eu-west-3", want: "https://logs.eu-west-3.amazonaws.com/"},
		{name: "sdk cn-northwest-1", region: "cn-northwest-1", want: "https://logs.cn-northwest-1.amazonaws.com.cn/"},
		{name: "upper case kept", region: "US-EAST-1", want: "https://logs.US-EAST-1.amazonaws.com/"},
		{name: "unknown prefix falls back", region: "xx-south-9", want: "https://logs.xx-south-9.amazonaws.com/"},
		{name: "63 characters", region: strings.Repeat("a", 63), want: "https://logs." + strings.Repeat("a", 63) + ".amazonaws.com/"},

		// Custom endpoints.
		{name: "sdk custom endpoint with region", region: "us-east-1", baseEndpoint: "https://example.com", want: "https://example.com/"},
		{name: "sdk custom endpoint without region", baseEndpoint: "https://example.com", want: "https://example.com/"},
		{name: "custom endpoint trailing slash", baseEndpoint: "http://localhost:4566/", want: "http://localhost:4566/"},
		{name: "custom endpoint path prefix", baseEndpoint: "http://localhost:4566/x", want: "http://localhost:4566/x"},
		{name: "custom endpoint path prefix trailing slash", baseEndpoint: "http://localhost:4566/x/", want: "http://localhost:4566/x/"},
		{name: "custom endpoint escaped path", baseEndpoint: "http://localhost:4566/a%2Fb", want: "http://localhost:4566/a%2Fb"},
		{name: "custom endpoint ipv6", baseEndpoint: "http://[::1]:4566", want: "http://[::1]:4566/"},
		{name: "custom endpoint any region name", region: "local", baseEndpoint: "http://localhost:4566", want: "http://localhost:4566/"},

		// Configuration errors.
		{name: "no region", wantErr: "cwlogs: Options.Region is required when Options.BaseEndpoint is not set"},
		{name: "no region with fips", fips: true, wantErr: "cwlogs: Options.Region is required when Options.BaseEndpoint is not set"},
		{name: "region with spaces", region: "us east 1", wantErr: `cwlogs: Options.Region: "us east 1" is not a valid host label`},
		{name: "region with dots", region: "us.east.1", wantErr: `cwlogs: Options.Region: "us.east.1" is not a valid host label`},
		{name: "region with leading hyphen", region: "-us-east-1", wantErr: `cwlogs: Options.Region: "-us-east-1" is not a valid host label`},
		{name: "region with trailing hyphen", region: "us-east-1-", wantErr: `cwlogs: Options.Region: "us-east-1-" is not a valid host label`},
		{name: "region with underscore", region: "us_east_1", wantErr: `cwlogs: Options.Region: "us_east_1" is not a valid host label`},
		{name: "region too long", region: strings.Repeat("a", 64), wantErr: `cwlogs: Options.Region: "` + strings.Repeat("a", 64) + `" is not a valid host label`},
		{name: "empty fips pseudo-region", region: "fips-", wantErr: `cwlogs: Options.Region: "fips-" is not a valid host label`},
		{name: "fips pseudo-region of fips", region: "fips-fips", want: "https://logs-fips.fips.amazonaws.com/"},
		{name: "fips pseudo-region leaving a hyphen", region: "fips--a", wantErr: `cwlogs: Options.Region: "fips--a" is not a valid host label`},
		{name: "invalid region with custom endpoint", region: "us east 1", baseEndpoint: "https://example.com", wantErr: `cwlogs: Options.Region: "us east 1" is not a valid host label`},
		{name: "sdk custom endpoint with fips", region: "us-east-1", baseEndpoint: "https://example.com", fips: true, wantErr: "cwlogs: Options.BaseEndpoint: cannot be combined with FIPS (Options.EndpointOptions.UseFIPSEndpoint)"},
		{name: "sdk custom endpoint with dual-stack", region: "us-east-1", baseEndpoint: "https://example.com", dualStack: true, wantErr: "cwlogs: Options.BaseEndpoint: cannot be combined with dual-stack (Options.EndpointOptions.UseDualStackEndpoint)"},
		{name: "custom endpoint with fips and dual-stack", baseEndpoint: "https://example.com", fips: true, dualStack: true, wantErr: "cwlogs: Options.BaseEndpoint: cannot be combined with FIPS (Options.EndpointOptions.UseFIPSEndpoint)"},
		{name: "custom endpoint with fips pseudo-region", region: "fips-us-east-1", baseEndpoint: "https://example.com", wantErr: `cwlogs: Options.BaseEndpoint: cannot be combined with FIPS (Options.Region "fips-us-east-1" is a FIPS pseudo-region)`},
		{name: "custom endpoint scheme ftp", baseEndpoint: "ftp://localhost:4566", wantErr: `cwlogs: Options.BaseEndpoint: "ftp://localhost:4566" is not an absolute http or https URL`},
		{name: "custom endpoint without scheme", baseEndpoint: "localhost:4566", wantErr: `cwlogs: Options.BaseEndpoint: "localhost:4566" is not an absolute http or https URL`},
		{name: "custom endpoint relative", baseEndpoint: "/relative", wantErr: `cwlogs: Options.BaseEndpoint: "/relative" is not an absolute http or https URL`},
		{name: "custom endpoint without host", baseEndpoint: "http:///x", wantErr: `cwlogs: Options.BaseEndpoint: "http:///x" is not an absolute http or https URL`},
		{name: "custom endpoint opaque", baseEndpoint: "http:localhost", wantErr: `cwlogs: Options.BaseEndpoint: "http:localhost" is not an absolute http or https URL`},
		{name: "custom endpoint query", baseEndpoint: "http://localhost:4566/?a=b", wantErr: `cwlogs: Options.BaseEndpoint: "http://localhost:4566/?xxxxx" must not have a query or fragment`},
		{name: "custom endpoint empty query", baseEndpoint: "http://localhost:4566?", wantErr: `cwlogs: Options.BaseEndpoint: "http://localhost:4566?" must not have a query or fragment`},
		{name: "custom endpoint fragment", baseEndpoint: "http://localhost:4566/#top", wantErr: `cwlogs: Options.BaseEndpoint: "http://localhost:4566/#xxxxx" must not have a query or fragment`},
		{name: "custom endpoint unparsable", baseEndpoint: "http://[::1", wantErr: `cwlogs: Options.BaseEndpoint: "http://[::1" is not a URL: missing ']' in host`},
		{name: "custom endpoint without host name", baseEndpoint: "http://:80", wantErr: `cwlogs: Options.BaseEndpoint: "http://:80" has no host name`},
		{name: "custom endpoint colon for host", baseEndpoint: "http://:", wantErr: `cwlogs: Options.BaseEndpoint: "http://:" has no host name`},
		{name: "custom endpoint empty port", baseEndpoint: "http://localhost:/", wantErr: `cwlogs: Options.BaseEndpoint: "http://localhost:/" has an empty port`},
		{name: "custom endpoint bracket in host", baseEndpoint: "http://]:80", wantErr: `cwlogs: Options.BaseEndpoint: "http://]:80" has a host name with a character other than ASCII letters, digits, '.', '-' and '_'`},
		{name: "custom endpoint unicode host", baseEndpoint: "https://bücher.example", wantErr: `cwlogs: Options.BaseEndpoint: "https://bücher.example" has a host name with a character other than ASCII letters, digits, '.', '-' and '_'`},
		{name: "custom endpoint user info", baseEndpoint: "https://user:hunter2@example.com", wantErr: `cwlogs: Options.BaseEndpoint: "https://xxxxx@example.com" must not hold a user name or password`},
		{name: "custom endpoint ipv6 zone", baseEndpoint: "http://[fe80::1%25en0]:4566", wantErr: `cwlogs: Options.BaseEndpoint: "http://[fe80::1%25en0]:4566" has an IPv6 zone, which requests cannot be signed with`},
		// A password is never quoted, whatever else is wrong.
		{name: "custom endpoint user info and query", baseEndpoint: "http://user:hunter2@h?x=1", wantErr: `cwlogs: Options.BaseEndpoint: "http://xxxxx@h?xxxxx" must not hold a user name or password`},
		{name: "custom endpoint user info and fragment", baseEndpoint: "http://user:hunter2@h#f", wantErr: `cwlogs: Options.BaseEndpoint: "http://xxxxx@h#xxxxx" must not hold a user name or password`},
		{name: "custom endpoint user info and scheme ftp", baseEndpoint: "ftp://user:hunter2@h", wantErr: `cwlogs: Options.BaseEndpoint: "ftp://xxxxx@h" must not hold a user name or password`},
		{name: "custom endpoint user info unparsable", baseEndpoint: "http://user:hunter2@h/%zz", wantErr: `cwlogs: Options.BaseEndpoint: "http://xxxxx@h/%zz" is not a URL`},
		{name: "custom endpoint ipv4", baseEndpoint: "http://127.0.0.1:4566", want: "http://127.0.0.1:4566/"},
		{name: "custom endpoint underscore", baseEndpoint: "http://local_stack:4566", want: "http://local_stack:4566/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Resolve(tt.region, tt.baseEndpoint, tt.fips, tt.dualStack)
			var got, gotErr string
			if u != nil {
				got = u.String()
			}
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("URL mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestResolveEndpointPartitionFor checks the partition of names each
// partition lists but its regex does not match, which a URL cannot always
// tell apart (aws-us-gov shares its suffixes with aws).
func TestResolveEndpointPartitionFor(t *testing.T) {
	tests := []struct {
		region, want string
	}{
		{"aws-global", "aws"},
		{"aws-cn-global", "aws-cn"},
		{"aws-us-gov-global", "aws-us-gov"},
		{"aws-iso-global", "aws-iso"},
		{"aws-iso-b-global", "aws-iso-b"},
		{"aws-iso-e-global", "aws-iso-e"},
		{"aws-iso-f-global", "aws-iso-f"},
		{"us-gov-west-1", "aws-us-gov"},
		{"us-gov-1", "aws"},
		{"eusc-fr-east-1", "aws"},
		{"", "aws"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, partitionFor(tt.region).id); diff != "" {
				t.Errorf("partition mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestResolveEndpointUnsupported covers partitions without FIPS or
// dual-stack; none exists today, so the partition is made up.
func TestResolveEndpointUnsupported(t *testing.T) {
	p := awsPartition{id: "aws-test", dnsSuffix: "example", dualStackDNSSuffix: "dual.example"}
	tests := []struct {
		name            string
		fips, dualStack bool
		want, wantErr   string
	}{
		{name: "plain", want: "logs.test-east-1.example"},
		{name: "fips", fips: true, wantErr: `cwlogs: Options.EndpointOptions.UseFIPSEndpoint: partition aws-test of region "test-east-1" does not support FIPS`},
		{name: "dualstack", dualStack: true, wantErr: `cwlogs: Options.EndpointOptions.UseDualStackEndpoint: partition aws-test of region "test-east-1" does not support dual-stack`},
		{name: "fips+dualstack", fips: true, dualStack: true, wantErr: `cwlogs: Options.EndpointOptions.UseFIPSEndpoint: partition aws-test of region "test-east-1" does not support FIPS`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.host("test-east-1", tt.fips, tt.dualStack)
			var gotErr string
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("host mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPartitionMatchesItsRegex checks the hand-written matcher against the
// regexes of partitions.json that it stands for.
func TestPartitionMatchesItsRegex(t *testing.T) {
	regexes := map[string]*regexp.Regexp{
		"aws":        regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`),
		"aws-cn":     regexp.MustCompile(`^cn\-\w+\-\d+$`),
		"aws-eusc":   regexp.MustCompile(`^eusc\-(de)\-\w+\-\d+$`),
		"aws-iso":    regexp.MustCompile(`^us\-iso\-\w+\-\d+$`),
		"aws-iso-b":  regexp.MustCompile(`^us\-isob\-\w+\-\d+$`),
		"aws-iso-e":  regexp.MustCompile(`^eu\-isoe\-\w+\-\d+$`),
		"aws-iso-f":  regexp.MustCompile(`^us\-isof\-\w+\-\d+$`),
		"aws-us-gov": regexp.MustCompile(`^us\-gov\-\w+\-\d+$`),
	}
	var regions []string
	for _, p := range []string{"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "eusc-de", "eusc-fr",
		"us-iso", "us-isob", "eu-isoe", "us-isof", "us-gov", "xx", "", "US", "us-iso-x"} {
		for _, w := range []string{"east", "west_2", "a", "", "gov-west", "é", "x.y", "EAST"} {
			for _, d := range []string{"1", "12", "", "1a", "-1", "1-2"} {
				regions = append(regions, p+"-"+w+"-"+d, p+w+"-"+d, p+"-"+w+d)
			}
		}
	}
	if len(awsPartitions) != len(regexes) {
		t.Fatalf("%d partitions, %d regexes", len(awsPartitions), len(regexes))
	}
	for i := range awsPartitions {
		p := &awsPartitions[i]
		re := regexes[p.id]
		for _, r := range regions {
			if got, want := p.matches(r), re.MatchString(r); got != want {
				t.Errorf("partition %s: matches(%q) = %v, regex says %v", p.id, r, got, want)
			}
		}
	}
}
