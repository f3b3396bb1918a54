package router_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/router/internal/train"
)

// TestModelUpToDate retrains the model from the training part and checks
// that the committed model.txt is exactly what go generate would write:
// training is deterministic and the embedded model is current.
func TestModelUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining takes a couple of seconds")
	}
	f, err := os.Open("testdata/lecoqa-areas.tsv")
	if err != nil {
		t.Fatal(err)
	}
	all, err := router.LoadTSV(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	got := train.Model(router.Training(all), train.Defaults)
	want, err := os.ReadFile("model.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("model.txt is not what the trainer produces (%d vs %d bytes): run go generate ./shared/router", len(want), len(got))
	}
}
