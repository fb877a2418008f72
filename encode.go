package cwlogs

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// This file writes the PutIntegration request body, member by member,
// without reflection: its unknown union member is written byte for byte,
// which encoding/json would compact. The other bytes are those
// encoding/json writes for the same members without HTML escaping
// (FuzzRequestEncodingMatchesJSON checks them). The other inputs are
// encoded with encoding/json (see encodeRequest).

// requestSlack is room, past the length an input's requestSize tells, for
// the escapes of its strings: a body that fits is written in one
// allocation.
const requestSlack = 16

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it: quote, backslash and control characters, <, > and & when
// escapeHTML is set, U+2028 and U+2029 always, and each byte of invalid
// UTF-8 replaced by \ufffd.
func appendJSONString(b []byte, s string, escapeHTML bool) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0 // s[start:i] is yet to be copied
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // other control characters, and <, > and &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// appendKey appends the name of a member of the object b ends in, after a
// comma unless it is the object's first. name is one of this package's
// wire names, which need no escaping.
func appendKey(b []byte, name string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(append(append(b, '"'), name...), '"', ':')
	return b
}

// appendStringMember appends the member name with the string value, left
// out when value is empty (omitzero).
func appendStringMember(b []byte, name, value string, escapeHTML bool) []byte {
	if value == "" {
		return b
	}
	return appendJSONString(appendKey(b, name), value, escapeHTML)
}

// appendRequest appends the PutIntegration request body, as MarshalJSON
// returns it.
func (in *PutIntegrationInput) appendRequest(b []byte) ([]byte, error) {
	b = appendStringMember(append(b, '{'), "integrationName", in.IntegrationName, false)
	b = appendStringMember(b, "integrationType", string(in.IntegrationType), false)
	if in.ResourceConfig != nil {
		var err error
		if b, err = appendResourceConfig(appendKey(b, "resourceConfig"), in.ResourceConfig); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

func (in *PutIntegrationInput) requestSize() int {
	n := len(`{"integrationName":"","integrationType":"","resourceConfig":}`) + len(in.IntegrationName) + len(in.IntegrationType)
	switch rc := in.ResourceConfig.(type) {
	case *OpenSearchResourceConfig:
		if rc != nil {
			const members = `{"openSearchResourceConfig":{"dataSourceRoleArn":"","dashboardViewerPrincipals":[],` +
				`"retentionDays":-2147483648,"kmsKeyArn":"","applicationArn":""}}`
			n += len(members) + len(rc.DataSourceRoleArn) + len(rc.KmsKeyArn) + len(rc.ApplicationArn)
			for _, p := range rc.DashboardViewerPrincipals {
				n += len(p) + 3
			}
		}
	case *UnknownResourceConfig:
		if rc != nil {
			n += len(`{"":}`) + len(rc.Name) + len(rc.Value)
		}
	}
	return n
}

// appendResourceConfig appends rc as the resourceConfig union. It refuses
// a value that would not decode back as itself: a nil member, and an
// unknown member that breaks the rules of checkUnknownMember. An unknown
// member's value is written as it is, byte for byte.
func appendResourceConfig(b []byte, rc ResourceConfig) ([]byte, error) {
	switch rc := rc.(type) {
	case *OpenSearchResourceConfig:
		if rc == nil {
			return nil, errors.New("resourceConfig: nil *OpenSearchResourceConfig")
		}
		b = append(appendKey(append(b, '{'), memberOpenSearchResourceConfig), '{')
		b = appendStringMember(b, "dataSourceRoleArn", rc.DataSourceRoleArn, false)
		if len(rc.DashboardViewerPrincipals) > 0 {
			b = append(appendKey(b, "dashboardViewerPrincipals"), '[')
			for i, p := range rc.DashboardViewerPrincipals {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, p, false)
			}
			b = append(b, ']')
		}
		if rc.RetentionDays != 0 {
			b = strconv.AppendInt(appendKey(b, "retentionDays"), int64(rc.RetentionDays), 10)
		}
		b = appendStringMember(b, "kmsKeyArn", rc.KmsKeyArn, false)
		b = appendStringMember(b, "applicationArn", rc.ApplicationArn, false)
		return append(b, '}', '}'), nil
	case *UnknownResourceConfig:
		if rc == nil {
			return nil, errors.New("resourceConfig: nil *UnknownResourceConfig")
		}
		if reason := checkUnknownMember(rc.Name, rc.Value, memberOpenSearchResourceConfig, "*OpenSearchResourceConfig"); reason != "" {
			return nil, errors.New("resourceConfig " + reason)
		}
		b = append(appendJSONString(append(b, '{'), rc.Name, false), ':')
		return append(append(b, rc.Value...), '}'), nil
	default:
		return nil, fmt.Errorf("resourceConfig: cannot encode member of type %T", rc)
	}
}
