package cwlogs

import (
	"strconv"
	"strings"
)

// This file decodes the responses of PutIntegration, ListIntegrations and
// DeleteIntegration with the reader of decode.go, by the rules
// GetIntegrationOutput.UnmarshalJSON follows: unknown members are skipped,
// enum values are kept as they are, null is the same as absent, a member
// named twice counts with its last value, and a value of the wrong shape is
// an error that names its wire path.

// endObject finishes the decoding of a response body, an object (or null)
// whose members r.fields read with the result err: it checks that nothing
// follows the object. The callers keep r on their stack, which a function
// that called back with it would not.
func (r *reader) endObject(err error) error {
	if err == nil || isValueError(err) {
		// After a value of the wrong shape the reader is past the body's
		// value: a body that is not JSON says so rather than its shape.
		if endErr := r.end(); endErr != nil {
			err = endErr
		}
	}
	return err
}

// enumValue reads a string, or null as "", as an enum value.
func enumValue[T ~string](r *reader) (T, error) {
	v, err := r.stringValue()
	return T(v), err
}

// UnmarshalJSON decodes a PutIntegration response body.
func (o *PutIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a PutIntegration response body, as UnmarshalJSON. The
// output's strings share body.
func (o *PutIntegrationOutput) decode(body string) error {
	out := PutIntegrationOutput{ResultMetadata: o.ResultMetadata}
	r := reader{s: body}
	err := r.endObject(r.fields(func(name string) (err error) {
		switch name {
		case "integrationName":
			out.IntegrationName, err = r.stringValue()
		case "integrationStatus":
			out.IntegrationStatus, err = enumValue[IntegrationStatus](&r)
		default:
			err = r.skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	*o = out
	return nil
}

// UnmarshalJSON decodes a ListIntegrations response body. An absent or null
// integrationSummaries is an empty list: the decoded slice is never nil.
func (o *ListIntegrationsOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a ListIntegrations response body, as UnmarshalJSON. The
// output's strings share body.
func (o *ListIntegrationsOutput) decode(body string) error {
	out := ListIntegrationsOutput{ResultMetadata: o.ResultMetadata}
	r := reader{s: body}
	err := r.endObject(r.fields(func(name string) (err error) {
		switch name {
		case "integrationSummaries":
			out.IntegrationSummaries, err = r.integrationSummaries()
		default:
			err = r.skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	if out.IntegrationSummaries == nil {
		out.IntegrationSummaries = []IntegrationSummary{}
	}
	*o = out
	return nil
}

// UnmarshalJSON decodes a DeleteIntegration response body: the service
// sends none, and an empty body, null or any object (whose members are
// ignored) is a success.
func (o *DeleteIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a DeleteIntegration response body, as UnmarshalJSON.
func (o *DeleteIntegrationOutput) decode(body string) error {
	if len(strings.TrimLeft(body, jsonWhiteSpace)) == 0 {
		return nil
	}
	r := reader{s: body}
	return r.endObject(r.fields(func(string) error { return r.skip() }))
}

// integrationSummaries reads the list of integration summaries; null is
// an empty list. Every element is read, so that an element of the wrong
// shape is reported once the list has been read to its end.
func (r *reader) integrationSummaries() ([]IntegrationSummary, error) {
	list := []IntegrationSummary{}
	if r.null() {
		return list, nil
	}
	if c := r.space(); c != '[' && r.i < len(r.s) {
		if err := r.skip(); err != nil {
			return nil, err
		}
		return nil, &valueError{msg: "want an array, found " + jsonKind(c)}
	}
	var wrong error // the first element of the wrong shape
	err := r.elements(func(i int) error {
		var s IntegrationSummary
		err := r.fields(func(name string) (err error) {
			switch name {
			case "integrationName":
				s.IntegrationName, err = r.stringValue()
			case "integrationType":
				s.IntegrationType, err = enumValue[IntegrationType](r)
			case "integrationStatus":
				s.IntegrationStatus, err = enumValue[IntegrationStatus](r)
			default:
				err = r.skip()
			}
			return err
		})
		switch {
		case err == nil:
			list = append(list, s)
		case !isValueError(err):
			return err
		case wrong == nil:
			wrong = inElement(i, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if wrong != nil {
		return nil, wrong
	}
	return list, nil
}

// inElement adds the index of the array element that held the value in
// error to the path of a valueError, as "[2]" or "[2].name".
func inElement(i int, err error) error {
	if e, ok := err.(*valueError); ok {
		index := "[" + strconv.Itoa(i) + "]"
		if e.path == "" {
			e.path = index
		} else {
			e.path = index + "." + e.path
		}
	}
	return err
}
