package cwlogs

import (
	"bytes"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// redacted replaces a credential the service echoed.
const redacted = "[redacted]"

// secrets are the credentials a request was signed with and its
// signature, which no error may show: the session token, the signature,
// the secret key and the access key id (the longest first, so that one
// holding another is replaced whole).
type secrets [4]string

func newSecrets(c aws.Credentials, signature string) secrets {
	return secrets{c.SessionToken, signature, c.SecretAccessKey, c.AccessKeyID}
}

// scrub returns s with every secret replaced by "[redacted]".
func (sec secrets) scrub(s string) string {
	for _, v := range sec {
		if v != "" && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, redacted)
		}
	}
	return s
}

// scrubBytes is scrub for a body. When the body was cut short, its end may
// be the start of a secret: it is replaced too.
func (sec secrets) scrubBytes(b []byte, cutShort bool) []byte {
	for _, v := range sec {
		if v != "" && bytes.Contains(b, []byte(v)) {
			b = bytes.ReplaceAll(b, []byte(v), []byte(redacted))
		}
	}
	if !cutShort {
		return b
	}
	// A start shorter than minSecretStart tells nothing of the secret, and
	// is too likely to be text of the message.
	const minSecretStart = 4
	for _, v := range sec {
		for n := min(len(v)-1, len(b)); n >= minSecretStart; n-- {
			if string(b[len(b)-n:]) == v[:n] {
				return append(b[:len(b)-n:len(b)-n], redacted...)
			}
		}
	}
	return b
}

// redact returns the cause err with every secret replaced in its text. An
// error whose text holds none is returned as it is; one that does is
// replaced by its text, scrubbed, but for the wrapper that tells a body
// read failed, which is kept.
func (sec secrets) redact(err error) error {
	if be, ok := err.(*bodyReadError); ok {
		return &bodyReadError{sec.redact(be.err)}
	}
	msg := err.Error()
	if sec.scrub(msg) == msg {
		return err
	}
	return errors.New(sec.scrub(msg))
}
