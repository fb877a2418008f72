package cwlogstest

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cwlogs-go/cwlogs"
)

// CmpOptions returns the go-cmp options a test of outputs of package cwlogs
// needs: [IgnoreMetadata], [EquateRawJSON], and cmpopts.EquateEmpty (an
// empty list, as a ListIntegrations output holds when nothing matched, is
// equal to a nil one) for every value but raw JSON, which EquateRawJSON
// alone compares.
//
//	if diff := cmp.Diff(want, got, cwlogstest.CmpOptions()...); diff != "" {
//		t.Errorf("mismatch (-want +got):\n%s", diff)
//	}
func CmpOptions() cmp.Options {
	// Two empty json.RawMessage values would match both EquateRawJSON and
	// EquateEmpty, and go-cmp panics when two comparers apply.
	notRawJSON := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().Type() != rawJSONType }, cmpopts.EquateEmpty())
	return cmp.Options{IgnoreMetadata(), EquateRawJSON(), notRawJSON}
}

var rawJSONType = reflect.TypeFor[json.RawMessage]()

// IgnoreMetadata returns a go-cmp option that ignores every
// [cwlogs.ResponseMetadata], such as the ResultMetadata of each output,
// which holds the request id and attempt count of the response.
func IgnoreMetadata() cmp.Option {
	return cmpopts.IgnoreTypes(cwlogs.ResponseMetadata{})
}

// EquateRawJSON returns a go-cmp option that compares json.RawMessage
// values, such as the Value of an unknown union member, as JSON values:
// spacing, member order and string escapes do not count, numbers compare
// as written (1.0 is not 1). Values that are not valid JSON are compared
// byte for byte, and two empty values are equal. With cmpopts.EquateEmpty
// beside it, go-cmp panics on two empty values (both options apply): use
// [CmpOptions], which keeps EquateEmpty off raw JSON.
func EquateRawJSON() cmp.Option {
	return cmp.Comparer(func(a, b json.RawMessage) bool {
		va, errA := decodeJSON(a)
		vb, errB := decodeJSON(b)
		if errA != nil || errB != nil {
			return bytes.Equal(a, b)
		}
		return cmp.Equal(va, vb)
	})
}

// decodeJSON decodes a JSON value with its numbers as written.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errInvalidJSON
	}
	return v, nil
}

var errInvalidJSON = errors.New("cwlogstest: more than one JSON value")
