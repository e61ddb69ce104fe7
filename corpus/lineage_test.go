package corpus

import "testing"

func TestFateWords(t *testing.T) {
	for _, tc := range []struct {
		f    Fate
		want string
	}{
		{Fate{Status: StatusOriginal}, "original"},
		{Fate{Status: StatusContinued, Clauses: []*Point{{Number: 6}}}, "continued as §6"},
		{Fate{Status: StatusContinued, Clauses: []*Point{{Number: 6}, {Number: 7}, {Number: 9}}}, "continued as §6, §7 and §9"},
		{Fate{Status: StatusDropped}, "dropped"},
		{Fate{Status: StatusNotReported}, "not in the reported text"},
	} {
		if got := tc.f.Words(); got != tc.want {
			t.Errorf("%+v.Words() = %q, want %q", tc.f, got, tc.want)
		}
	}
}
