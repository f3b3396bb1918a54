package router

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestLecoqaBlockCV evaluates the whole router (lexicon + model + prior) on
// blocks of the lecoqa training part that its model has not seen: for each
// block k in 1..4 ((id/10)%5 == k) it loads a model trained without that
// block and classifies the block. It is the figure the weights were tuned
// against (never the held-out part). It runs only when ROUTER_FOLDS names a
// directory holding fold1.txt … fold4.txt, made with
//
//	cd shared/router
//	for k in 1 2 3 4; do go run gen.go -skipblock $k -out /tmp/fold$k.txt; done
//	ROUTER_FOLDS=/tmp go test -run TestLecoqaBlockCV -v .
func TestLecoqaBlockCV(t *testing.T) {
	dir := os.Getenv("ROUTER_FOLDS")
	if dir == "" {
		t.Skip("set ROUTER_FOLDS to a directory of fold models (see the comment)")
	}
	lx, err := parseLexicon(lexiconData)
	if err != nil {
		t.Fatal(err)
	}
	train := Training(loadFile(t, "lecoqa-areas.tsv"))
	total := Report{PerArea: map[string]AreaReport{}}
	for k := 1; k <= 4; k++ {
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("fold%d.txt", k)))
		if err != nil {
			t.Fatal(err)
		}
		m, err := parseModel(string(data))
		if err != nil {
			t.Fatal(err)
		}
		var block []Sample
		for _, s := range train {
			if (s.ID/10)%5 == k {
				block = append(block, s)
			}
		}
		rep := Evaluate(newRouter(lx, m, visitorPrior), block)
		total.Add(rep)
	}
	t.Logf("lecoqa training part, block cross-validation: %s", total)
}
