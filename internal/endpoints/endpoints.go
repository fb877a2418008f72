// Package endpoints resolves the CloudWatch Logs endpoint of a region: the
// AWS partitions, their DNS suffixes, and the FIPS and dual-stack variants.
// It also checks and redacts a custom base endpoint.
package endpoints

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// awsPartition is one AWS partition: a group of regions that share DNS
// suffixes. The values follow internal/endpoints/awsrulesfn/partitions.json
// of aws-sdk-go-v2 v1.48.0.
type awsPartition struct {
	id string
	// prefixes are the region prefixes of the partition's regex in
	// partitions.json, which reads ^(prefix)-\w+-\d+$.
	prefixes []string
	// extraRegions are region names listed by the partition that its regex
	// does not match (the "*-global" pseudo-regions).
	extraRegions       []string
	dnsSuffix          string
	dualStackDNSSuffix string
	supportsFIPS       bool
	supportsDualStack  bool
}

// awsPartitions is searched in order. The first entry, aws, is also the
// fallback for a region no partition claims.
var awsPartitions = []awsPartition{
	{
		id:                 "aws",
		prefixes:           []string{"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"},
		extraRegions:       []string{"aws-global"},
		dnsSuffix:          "amazonaws.com",
		dualStackDNSSuffix: "api.aws",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-cn",
		prefixes:           []string{"cn"},
		extraRegions:       []string{"aws-cn-global"},
		dnsSuffix:          "amazonaws.com.cn",
		dualStackDNSSuffix: "api.amazonwebservices.com.cn",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-eusc",
		prefixes:           []string{"eusc-de"},
		dnsSuffix:          "amazonaws.eu",
		dualStackDNSSuffix: "api.amazonwebservices.eu",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-iso",
		prefixes:           []string{"us-iso"},
		extraRegions:       []string{"aws-iso-global"},
		dnsSuffix:          "c2s.ic.gov",
		dualStackDNSSuffix: "api.aws.ic.gov",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-iso-b",
		prefixes:           []string{"us-isob"},
		extraRegions:       []string{"aws-iso-b-global"},
		dnsSuffix:          "sc2s.sgov.gov",
		dualStackDNSSuffix: "api.aws.scloud",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-iso-e",
		prefixes:           []string{"eu-isoe"},
		extraRegions:       []string{"aws-iso-e-global"},
		dnsSuffix:          "cloud.adc-e.uk",
		dualStackDNSSuffix: "api.cloud-aws.adc-e.uk",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-iso-f",
		prefixes:           []string{"us-isof"},
		extraRegions:       []string{"aws-iso-f-global"},
		dnsSuffix:          "csp.hci.ic.gov",
		dualStackDNSSuffix: "api.aws.hci.ic.gov",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
	{
		id:                 "aws-us-gov",
		prefixes:           []string{"us-gov"},
		extraRegions:       []string{"aws-us-gov-global"},
		dnsSuffix:          "amazonaws.com",
		dualStackDNSSuffix: "api.aws",
		supportsFIPS:       true,
		supportsDualStack:  true,
	},
}

// partitionFor returns the partition of region, as the official SDK picks
// it: a listed name first, then the first matching regex, else aws.
func partitionFor(region string) *awsPartition {
	for i := range awsPartitions {
		for _, r := range awsPartitions[i].extraRegions {
			if r == region {
				return &awsPartitions[i]
			}
		}
	}
	for i := range awsPartitions {
		if awsPartitions[i].matches(region) {
			return &awsPartitions[i]
		}
	}
	return &awsPartitions[0]
}

// matches reports whether region is of the partition's form
// prefix-word-digits, where word is [A-Za-z0-9_]+ and digits [0-9]+: what
// its regex in partitions.json matches, without package regexp (which would
// add about a third of a megabyte to programs).
func (p *awsPartition) matches(region string) bool {
	for _, prefix := range p.prefixes {
		rest, ok := strings.CutPrefix(region, prefix+"-")
		if !ok {
			continue
		}
		word, digits, ok := strings.Cut(rest, "-")
		if ok && word != "" && digits != "" &&
			!strings.ContainsFunc(word, func(r rune) bool { return !isWordChar(r) }) &&
			!strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
			return true
		}
	}
	return false
}

func isWordChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
}

// host returns the CloudWatch Logs host name for region in partition p.
func (p *awsPartition) host(region string, fips, dualStack bool) (string, error) {
	if fips && !p.supportsFIPS {
		return "", fmt.Errorf("cwlogs: Options.EndpointOptions.UseFIPSEndpoint: partition %s of region %q does not support FIPS", p.id, region)
	}
	if dualStack && !p.supportsDualStack {
		return "", fmt.Errorf("cwlogs: Options.EndpointOptions.UseDualStackEndpoint: partition %s of region %q does not support dual-stack", p.id, region)
	}
	// The service's FIPS endpoints in GovCloud are its standard ones; the
	// ruleset names exactly these two regions.
	if fips && !dualStack && (region == "us-gov-east-1" || region == "us-gov-west-1") {
		return "logs." + region + ".amazonaws.com", nil
	}
	name, suffix := "logs.", p.dnsSuffix
	if fips {
		name = "logs-fips."
	}
	if dualStack {
		suffix = p.dualStackDNSSuffix
	}
	return name + region + "." + suffix, nil
}

// Resolve returns the URL requests are sent to.
//
// With a base endpoint, that URL is used as given, except that an empty path
// becomes "/"; its path, trailing slash included, is the request path, as in
// the official SDK. It must be an absolute http or https URL without a query
// or fragment, and cannot be combined with FIPS or dual-stack.
//
// A region is then not needed, but one that is given is still checked: the
// official SDK (cloudwatchlogs v1.92.2) rejects an invalid region even with a
// custom endpoint, and a FIPS pseudo-region there turns FIPS on and so is a
// configuration error too. Unlike the official SDK, which accepts dotted
// names such as "us.east.1", a region here must be a single host label.
//
// Without a base endpoint the region is required. "fips-X", "X-fips" and
// "A-fips-B" name region X (A-B) with FIPS turned on.
func Resolve(region, baseEndpoint string, fips, dualStack bool) (*url.URL, error) {
	name, pseudoFIPS := TrimFIPS(region)
	if region != "" && (!isValidHostLabel(region) || !isValidHostLabel(name)) {
		return nil, fmt.Errorf("cwlogs: Options.Region: %q is not a valid host label", region)
	}

	if baseEndpoint != "" {
		switch {
		case fips:
			return nil, errors.New("cwlogs: Options.BaseEndpoint: cannot be combined with FIPS (Options.EndpointOptions.UseFIPSEndpoint)")
		case pseudoFIPS:
			return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: cannot be combined with FIPS (Options.Region %q is a FIPS pseudo-region)", region)
		case dualStack:
			return nil, errors.New("cwlogs: Options.BaseEndpoint: cannot be combined with dual-stack (Options.EndpointOptions.UseDualStackEndpoint)")
		}
		return parseBaseEndpoint(baseEndpoint)
	}

	if region == "" {
		return nil, errors.New("cwlogs: Options.Region is required when Options.BaseEndpoint is not set")
	}
	host, err := partitionFor(name).host(name, fips || pseudoFIPS, dualStack)
	if err != nil {
		return nil, err
	}
	return &url.URL{Scheme: "https", Host: host, Path: "/"}, nil
}

// parseBaseEndpoint checks a custom endpoint and returns it as a URL. No
// error shows the user name, password, query or fragment the endpoint
// might hold, whatever else is wrong with it.
func parseBaseEndpoint(s string) (*url.URL, error) {
	shown := Redacted(s)
	u, err := url.Parse(s)
	if err != nil {
		// The error of url.Parse quotes the whole URL, and its cause may
		// quote a part of a password (as an invalid port, say): the cause
		// is given only when s has no part that is hidden.
		if shown != s {
			return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q is not a URL", shown)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q is not a URL: %w", shown, err)
	}
	if u.User != nil {
		// The service does not take them, and a password in the URL would
		// be printed with it.
		return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q must not hold a user name or password", shown)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q is not an absolute http or https URL", shown)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q must not have a query or fragment", shown)
	}
	if err := checkHost(u); err != nil {
		return nil, fmt.Errorf("cwlogs: Options.BaseEndpoint: %q %s", shown, err)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

// Redacted returns s, a base endpoint as given, for messages, with
// each part that could be a user name, a password, a query or a fragment
// replaced by "xxxxx", even when s is not a valid URL: everything before
// the last '@' after the scheme (a password may hold any character), and
// everything after the first '?' or '#'. When a '?' or '#' comes before
// that '@', the '@' may be in the query, and nothing after it is shown.
func Redacted(s string) string {
	start := 0 // where the user name would start
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		start = i + len("://")
	}
	shown, rest := s[:start], s[start:]
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		if strings.ContainsAny(rest[:at], "?#") {
			return shown + "xxxxx@xxxxx"
		}
		shown, rest = shown+"xxxxx@", rest[at+1:]
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 && i+1 < len(rest) {
		rest = rest[:i+1] + "xxxxx"
	}
	return shown + rest
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' and '.'.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// checkHost checks the host of a custom endpoint, which url.Parse takes
// too readily. A name is needed: "http://:80" would reach this machine.
// An IPv6 literal must have no zone: net/http leaves it out of the Host
// header, so the signature, which covers it, would not match. A name must
// be ASCII letters, digits, dots, hyphens and underscores, the form
// requests are signed and sent with: a name in Unicode would be signed as
// it is and sent in punycode.
func checkHost(u *url.URL) error {
	name := u.Hostname()
	switch {
	case name == "":
		return errors.New("has no host name")
	case strings.HasSuffix(u.Host, ":"):
		return errors.New("has an empty port")
	case strings.HasPrefix(u.Host, "["):
		if strings.Contains(name, "%") {
			return errors.New("has an IPv6 zone, which requests cannot be signed with")
		}
		return nil // an IPv6 literal, which url.Parse has checked
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return errors.New("has a host name with a character other than ASCII letters, digits, '.', '-' and '_'")
		}
	}
	return nil
}

// TrimFIPS strips the FIPS markers of a pseudo-region ("fips-" first, "-fips"
// last, "-fips-" inside), as the official SDK does for these forms, and
// reports whether there were any.
func TrimFIPS(region string) (string, bool) {
	name := strings.TrimPrefix(region, "fips-")
	name = strings.TrimSuffix(name, "-fips")
	name = strings.ReplaceAll(name, "-fips-", "-")
	return name, name != region
}

// isValidHostLabel reports whether s is one DNS label: 1 to 63 ASCII letters,
// digits and hyphens, with no hyphen first or last.
func isValidHostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
