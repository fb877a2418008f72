package cwlogs

import "testing"

// The reference decoders of the S3 Table integration source outputs decode
// a body the slow, obvious way, as refListOutput does ListIntegrations':
// encoding/json reads each object into a map of raw members, and the rules
// are applied to the maps.

// refIdentifier decodes the body {"identifier":"…"} of Associate and
// Disassociate.
func refIdentifier(data []byte) (string, error) {
	m, err := refTop(data)
	if err != nil || m == nil {
		return "", err
	}
	var id string
	err = refString(m["identifier"], &id)
	return id, err
}

func TestSourceGoingAway(t *testing.T) {
	t.Parallel()
	for s, want := range map[S3TableIntegrationSourceStatus]bool{
		S3TableIntegrationSourceStatusActive: false, S3TableIntegrationSourceStatusUnhealthy: false, "": false, "CREATING": false,
		S3TableIntegrationSourceStatusFailed: true, S3TableIntegrationSourceStatusDataSourceDeleteInProgress: true,
		"DELETING": true, "DELETED": true, "DISASSOCIATING": true, "DISASSOCIATED": true,
	} {
		if got := sourceGoingAway(s); got != want {
			t.Errorf("sourceGoingAway(%q) = %v, want %v", s, got, want)
		}
	}
}
