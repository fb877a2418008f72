package cwlogs

import (
	"strings"
	"testing"
)

func TestCheckARN(t *testing.T) {
	t.Parallel()
	const want = ", want an ARN (arn:partition:service:region:account-id:resource)"
	tests := []struct{ in, want string }{
		{"arn:aws:iam::123456789012:role/r", ""},
		{"arn:::::", ""}, // five colons: aws/arn's rule, no more
		{"arn::::", `is "arn::::"` + want},
		{"ARN:aws:iam::1:role/r", `is "ARN:aws:iam::1:role/r"` + want},
		{"", `is ""` + want},
	}
	for _, tt := range tests {
		if got := checkARN(tt.in); got != tt.want {
			t.Errorf("checkARN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a\nb", `"a\nb"`},
		{strings.Repeat("x", 100), `"` + strings.Repeat("x", 100) + `"`},
		{strings.Repeat("x", 101), `"` + strings.Repeat("x", 100) + `"…`},
		{strings.Repeat("x", 98) + "é", `"` + strings.Repeat("x", 98) + `é"`},
		// The cut keeps whole characters: this é is bytes 100 and 101.
		{strings.Repeat("x", 99) + "é", `"` + strings.Repeat("x", 99) + `"…`},
		{strings.Repeat("x", 98) + "éz", `"` + strings.Repeat("x", 98) + `é"…`},
	}
	for _, tt := range tests {
		if got := quoteValue(tt.in); got != tt.want {
			t.Errorf("quoteValue(%.20q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
