package cwlogs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// PutIntegrationAPI is the PutIntegration operation. [*Client] implements
// it; code that depends on this interface can be tested with a fake.
type PutIntegrationAPI interface {
	PutIntegration(ctx context.Context, params *PutIntegrationInput, optFns ...func(*Options)) (*PutIntegrationOutput, error)
}

var _ PutIntegrationAPI = (*Client)(nil)

// putIntegrationOp declares PutIntegration, which creates an integration
// and so is not idempotent: checkPut reads its effect.
var putIntegrationOp = &operation{
	name:   "PutIntegration",
	target: targetPrefix + "PutIntegration",
	effect: "create",
	check:  effectCheck[PutIntegrationInput, PutIntegrationOutput](checkPut),
}

// PutIntegrationInput is the input of [Client.PutIntegration]. Encoding it
// with encoding/json gives the request in its wire shape, and decoding that
// gives it back, the ResourceConfig union included.
type PutIntegrationInput struct {
	// IntegrationName is the name of the integration to create. It is
	// required: 1 to 50 characters, each a letter, a digit or one of
	// . - _ / #.
	IntegrationName string
	// IntegrationType is the type of the integration, such as
	// [IntegrationTypeOpenSearch]. Required; a value this package does not
	// list is sent as it is.
	IntegrationType IntegrationType
	// ResourceConfig configures the resources to create, such as an
	// [*OpenSearchResourceConfig]. Required.
	ResourceConfig ResourceConfig
}

// PutIntegrationOutput is the result of [Client.PutIntegration]. Encoding
// it with encoding/json gives the response in its wire shape.
type PutIntegrationOutput struct {
	IntegrationName string `json:"integrationName,omitzero"`
	// IntegrationStatus is the status of the new integration,
	// [IntegrationStatusProvisioning] right after it is created.
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// PutIntegration creates an integration: the resources it describes (for
// OpenSearch: a collection, a workspace, an application, a data source and
// their policies) are provisioned in the background, which takes minutes.
// The output's status is [IntegrationStatusProvisioning]; poll
// [Client.GetIntegration] until it is ACTIVE or FAILED. An account has at
// most one integration, and an integration cannot be changed: a second
// create fails with LimitExceededException.
//
// A create is not idempotent. An attempt may create the integration
// without the client learning it: the connection broke or the attempt
// timed out after the request was sent, the service answered with a 5xx
// error other than throttling, or it answered 200 with a body the client
// cannot read, which is never sent again. When the call would end in an
// error after such an attempt, or at once after such a 200, the client
// reads the integration back with GetIntegration, with ctx:
//   - an integration of that name, PROVISIONING, of the same type and, if
//     the input names an application and the service reports one, with
//     that application, is this create: the call succeeds with
//     ResultMetadata.Confirmed set and the integration's name and status;
//   - no integration of that name, or one ACTIVE or FAILED (an older one),
//     or of another type or application: the create did not take effect,
//     and the call returns the service's error; but when the service
//     answered the create 200, it took the create, and the outcome is
//     unknown (a read may not show it yet);
//   - otherwise (the read failed, ctx ended, or the answer is not one of
//     the above) the call returns an [*OutcomeUnknownError]: the create may
//     or may not have happened.
//
// An older integration of the same name and type still PROVISIONING cannot
// be told from this create (GetIntegration shows no role, principals or
// retention), nor can another create of the same name made at the same
// moment.
//
// The input is checked against the API model's rules before any request is
// sent; an input the service would reject gives an [*InvalidInputError]
// that names the field, such as "ResourceConfig.RetentionDays". Errors from the
// service are [*APIError] values that match this package's sentinels with
// errors.Is.
func (c *Client) PutIntegration(ctx context.Context, params *PutIntegrationInput, optFns ...func(*Options)) (*PutIntegrationOutput, error) {
	op := putIntegrationOp.name
	if params == nil {
		params = &PutIntegrationInput{}
	}
	if err := validatePutIntegration(op, params); err != nil {
		return nil, err
	}
	out := &PutIntegrationOutput{}
	if err := c.invoke(ctx, putIntegrationOp, params, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// checkPut reads the effect of a create from GetIntegration, with the
// call's context. The create took effect when the integration read back
// can be the one it made: the same name, PROVISIONING (a create takes
// minutes; an older integration is ACTIVE or FAILED), the same type, and
// the application the input named, if the service reports one. It did not
// when there is no integration of that name, or one ACTIVE or FAILED, or
// of another type or application. Any other state, or a failed read,
// leaves the outcome unknown. A confirmed create fills out with the name
// and status read, and the metadata is GetIntegration's.
func checkPut(ctx context.Context, c *Client, in *PutIntegrationInput, out *PutIntegrationOutput, _ time.Time, _ error) reading {
	got, err := c.GetIntegration(ctx, &GetIntegrationInput{IntegrationName: in.IntegrationName})
	switch {
	case errors.Is(err, ErrResourceNotFound):
		return reading{effect: effectAbsent}
	case err != nil:
		return unknownEffect(err)
	}
	switch e, reason := putEffect(in, got); e {
	case effectAbsent:
		return reading{effect: effectAbsent}
	case effectUnknown:
		return unknownEffect(&stateError{msg: "GetIntegration: " + reason})
	}
	out.IntegrationName, out.IntegrationStatus = got.IntegrationName, got.IntegrationStatus
	return reading{effect: effectConfirmed, meta: got.ResultMetadata}
}

// putEffect tells what got, the integration GetIntegration read after a
// create of in, shows of that create's effect, and for an unknown effect
// why. The reason quotes no value the service sent.
func putEffect(in *PutIntegrationInput, got *GetIntegrationOutput) (effect, string) {
	name := strconv.Quote(in.IntegrationName)
	if got.IntegrationName != in.IntegrationName {
		return effectUnknown, "answered with another integration's name for " + name
	}
	switch got.IntegrationStatus {
	case IntegrationStatusActive, IntegrationStatusFailed:
		return effectAbsent, ""
	}
	// Another type, or another application ARN when the input sets one:
	// another integration. A type or an application not reported yet, as
	// while the integration provisions, does not tell another one.
	if len(integrationDrift(in, got)) > 0 {
		return effectAbsent, ""
	}
	switch {
	case got.IntegrationStatus == "":
		return effectUnknown, "integration " + name + " has no status"
	case got.IntegrationStatus != IntegrationStatusProvisioning:
		return effectUnknown, "integration " + name + " has a status this package does not know"
	case got.IntegrationType == "":
		return effectUnknown, "integration " + name + " has no type"
	}
	return effectConfirmed, ""
}

// validatePutIntegration checks the input of PutIntegration.
func validatePutIntegration(op string, in *PutIntegrationInput) error {
	if err := validateIntegrationName(op, in.IntegrationName); err != nil {
		return err
	}
	if in.IntegrationType == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationType", Reason: "is required"}
	}
	if err := validateUTF8(op, "IntegrationType", string(in.IntegrationType)); err != nil {
		return err
	}
	const field = "ResourceConfig"
	if in.ResourceConfig == nil {
		return &InvalidInputError{Operation: op, Field: field, Reason: "is required"}
	}
	if _, reason := checkMember(in.ResourceConfig); reason != "" {
		return &InvalidInputError{Operation: op, Field: field, Reason: reason}
	}
	if rc, ok := in.ResourceConfig.(*OpenSearchResourceConfig); ok {
		return validateOpenSearchResourceConfig(op, rc)
	}
	return nil
}

// validateOpenSearchResourceConfig checks the openSearchResourceConfig
// member of ResourceConfig. An error names the field by its Go path, such
// as ResourceConfig.RetentionDays, and its reason by the member's wire
// path, as the service does.
func validateOpenSearchResourceConfig(op string, rc *OpenSearchResourceConfig) error {
	invalid := func(field, member, reason string) error {
		return &InvalidInputError{Operation: op, Field: "ResourceConfig." + field,
			Reason: "resourceConfig." + memberOpenSearchResourceConfig + "." + member + " " + reason}
	}
	// Every string is valid UTF-8 first: the other rules quote values.
	for _, s := range []struct{ field, member, value string }{
		{"DataSourceRoleArn", "dataSourceRoleArn", rc.DataSourceRoleArn},
		{"KmsKeyArn", "kmsKeyArn", rc.KmsKeyArn},
		{"ApplicationArn", "applicationArn", rc.ApplicationArn},
	} {
		if reason := checkUTF8(s.value); reason != "" {
			return invalid(s.field, s.member, reason)
		}
	}
	for i, p := range rc.DashboardViewerPrincipals {
		if reason := checkUTF8(p); reason != "" {
			index := "[" + strconv.Itoa(i) + "]"
			return invalid("DashboardViewerPrincipals"+index, "dashboardViewerPrincipals"+index, reason)
		}
	}
	if rc.DataSourceRoleArn == "" {
		return invalid("DataSourceRoleArn", "dataSourceRoleArn", "is required")
	}
	if reason := checkARN(rc.DataSourceRoleArn); reason != "" {
		return invalid("DataSourceRoleArn", "dataSourceRoleArn", reason)
	}
	// The model sets no bound on the number of principals, and the
	// official SDK checks only that the list is there: nil is refused, as
	// absent, and an empty list is sent for the service to judge.
	if rc.DashboardViewerPrincipals == nil {
		return invalid("DashboardViewerPrincipals", "dashboardViewerPrincipals", "is required")
	}
	for i, p := range rc.DashboardViewerPrincipals {
		reason := "is empty, want a principal ARN"
		if p != "" {
			reason = checkARN(p)
		}
		if reason != "" {
			index := "[" + strconv.Itoa(i) + "]"
			return invalid("DashboardViewerPrincipals"+index, "dashboardViewerPrincipals"+index, reason)
		}
	}
	if d := rc.RetentionDays; d < rules.RetentionMinDays || d > rules.RetentionMaxDays {
		return invalid("RetentionDays", "retentionDays", fmt.Sprintf("is %d, want %d to %d", d, rules.RetentionMinDays, rules.RetentionMaxDays))
	}
	if rc.KmsKeyArn != "" {
		if reason := checkARN(rc.KmsKeyArn); reason != "" {
			return invalid("KmsKeyArn", "kmsKeyArn", reason)
		}
	}
	if rc.ApplicationArn != "" {
		if reason := checkARN(rc.ApplicationArn); reason != "" {
			return invalid("ApplicationArn", "applicationArn", reason)
		}
	}
	return nil
}

// requestSlack is room, past the length an input's requestSize tells, for
// the escapes of its strings: the buffer of a body that fits is allocated
// once.
const requestSlack = 16

// appendRequest appends the PutIntegration request body, as MarshalJSON
// returns it. encoding/json alone would not do: the union's unknown member
// is written byte for byte.
func (in *PutIntegrationInput) appendRequest(b []byte) ([]byte, error) {
	b = jsonwire.AppendStringMember(append(b, '{'), "integrationName", in.IntegrationName, false)
	b = jsonwire.AppendStringMember(b, "integrationType", string(in.IntegrationType), false)
	if in.ResourceConfig != nil {
		var err error
		if b, err = appendUnion(jsonwire.AppendKey(b, "resourceConfig"), in.ResourceConfig); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// requestSize is about the length of the request body, without the
// escapes of its strings.
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

// MarshalJSON encodes the input in its wire shape: {"integrationName":...,
// "integrationType":...,"resourceConfig":{"openSearchResourceConfig":{...}}},
// members that are not set left out. An [*UnknownResourceConfig] is
// written with its Value byte for byte.
func (in PutIntegrationInput) MarshalJSON() ([]byte, error) {
	return in.appendRequest(make([]byte, 0, in.requestSize()+requestSlack))
}

// putIntegrationWire is PutIntegrationInput on the wire but for the union,
// which UnmarshalJSON decodes on its own.
type putIntegrationWire struct {
	IntegrationName string          `json:"integrationName,omitzero"`
	IntegrationType IntegrationType `json:"integrationType,omitzero"`
}

// UnmarshalJSON decodes a PutIntegration request body, the resourceConfig
// union by the AWS JSON rules: a member this package does not know becomes
// an [*UnknownResourceConfig].
func (in *PutIntegrationInput) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil // as encoding/json does: null leaves the value as it is
	}
	var w struct {
		putIntegrationWire
		ResourceConfig json.RawMessage `json:"resourceConfig"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	rc, err := decodeResourceConfig(w.ResourceConfig)
	if err != nil {
		return err
	}
	*in = PutIntegrationInput{IntegrationName: w.IntegrationName, IntegrationType: w.IntegrationType, ResourceConfig: rc}
	return nil
}

// UnmarshalJSON decodes a PutIntegration response body. Unknown members
// are ignored, enum values are kept as they are, null is the same as
// absent, and a member named twice counts with its last value.
func (o *PutIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a PutIntegration response body, as UnmarshalJSON. The
// output's strings share body.
func (o *PutIntegrationOutput) decode(body string) error {
	out := PutIntegrationOutput{ResultMetadata: o.ResultMetadata}
	r := jsonwire.NewReader(body)
	err := r.Finish(r.Fields(func(name string) (err error) {
		switch name {
		case "integrationName":
			out.IntegrationName, err = r.StringValue()
		case "integrationStatus":
			out.IntegrationStatus, err = jsonwire.Enum[IntegrationStatus](&r)
		default:
			err = r.Skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	*o = out
	return nil
}
