package router

import (
	"os"
	"testing"
)

func loadFile(t testing.TB, name string) []Sample {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := LoadTSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Accuracy floors, set just under the figures measured when the router was
// finished (see testdata/README.md). A change that loses accuracy fails here.
const (
	floorLecoqaHeldOut     = 0.79
	floorColloquial        = 0.97
	floorColloquialHeldOut = 0.94
	// the second pair (issue 11): weak areas and mixed topics
	floorColloquial2        = 0.95
	floorColloquialHeldOut2 = 0.91
)

func TestAccuracy(t *testing.T) {
	r := New()
	lec := loadFile(t, "lecoqa-areas.tsv")
	held := HeldOut(lec)
	if len(held) < 200 || len(held)+len(Training(lec)) != len(lec) {
		t.Fatalf("split: %d held out of %d", len(held), len(lec))
	}
	sets := []struct {
		name    string
		samples []Sample
		floor   float64
	}{
		{"lecoqa held-out ((id/10)%5 == 0)", held, floorLecoqaHeldOut},
		{"colloquial (written before tuning, tuned on)", loadFile(t, "colloquial.tsv"), floorColloquial},
		{"colloquial held-out (never tuned on)", loadFile(t, "colloquial-holdout.tsv"), floorColloquialHeldOut},
		{"colloquial 2: weak areas, mixed topics (tuned on)", loadFile(t, "colloquial-2.tsv"), floorColloquial2},
		{"colloquial 2 held-out (never tuned on)", loadFile(t, "colloquial-holdout-2.tsv"), floorColloquialHeldOut2},
	}
	for _, set := range sets {
		rep := Evaluate(r, set.samples)
		t.Logf("%s: %s", set.name, rep)
		for area, wrong := range rep.Confusion {
			t.Logf("  %s confused with %v", area, wrong)
		}
		if rep.Accuracy() < set.floor {
			t.Errorf("%s: top-1 accuracy %.3f below the floor %.3f", set.name, rep.Accuracy(), set.floor)
		}
	}
}
