package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode"

	"github.com/lawdesk/lawdesk/shared/router"
)

// RouterFigures is the router's accuracy on data it was not built from,
// and its speed.
type RouterFigures struct {
	HeldOut           router.Report // lecoqa held-out part
	Colloquial        router.Report // hand-written set the lexicon was tuned on
	ColloquialHeldOut router.Report // hand-written set never tuned on
	// The second hand-written pair (issue 11): the kinds the router was
	// weakest on — company law, administrative cases, IP, consumer,
	// guarantees and mortgages, and questions that mix topics.
	Colloquial2        router.Report // tuned on
	ColloquialHeldOut2 router.Report // never tuned on
	// English (issue 14): long multi-paragraph posts in the style of
	// r/legaladvice, and short questions — the held-out short set with
	// the English lines of the colloquial held-out files.
	EnglishLongHeldOut  router.Report // never tuned on
	EnglishLong         router.Report // tuned on
	EnglishShortHeldOut router.Report // never tuned on
	EnglishShortTuned   router.Report // English lines of the colloquial tuning files
	PerSecondOneCore    float64
	NewModelMillis      float64
	ClassifyMicros      float64
	SampleTextsPerPass  int
	// LongPostMicros is the time of one classification of a long English
	// post (the tuning and held-out posts, one core).
	LongPostMicros float64
}

func loadTSV(root, name string) ([]router.Sample, error) {
	f, err := os.Open(filepath.Join(root, "shared", "router", "testdata", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return router.LoadTSV(f)
}

func loadPosts(root, name string) ([]router.Sample, error) {
	f, err := os.Open(filepath.Join(root, "shared", "router", "testdata", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return router.LoadPosts(f)
}

// english keeps the samples with no Han character.
func english(samples ...[]router.Sample) []router.Sample {
	var out []router.Sample
	for _, set := range samples {
		for _, s := range set {
			if !strings.ContainsFunc(s.Text, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				out = append(out, s)
			}
		}
	}
	return out
}

// MeasureRouter evaluates the router on the held-out data and times it on
// one core.
func MeasureRouter(root string) (RouterFigures, error) {
	var fig RouterFigures
	start := time.Now()
	r := router.New()
	fig.NewModelMillis = float64(time.Since(start).Microseconds()) / 1000
	lecoqa, err := loadTSV(root, "lecoqa-areas.tsv")
	if err != nil {
		return fig, err
	}
	coll, err := loadTSV(root, "colloquial.tsv")
	if err != nil {
		return fig, err
	}
	hold, err := loadTSV(root, "colloquial-holdout.tsv")
	if err != nil {
		return fig, err
	}
	coll2, err := loadTSV(root, "colloquial-2.tsv")
	if err != nil {
		return fig, err
	}
	hold2, err := loadTSV(root, "colloquial-holdout-2.tsv")
	if err != nil {
		return fig, err
	}
	longHeld, err := loadPosts(root, "english-long-holdout.txt")
	if err != nil {
		return fig, err
	}
	long, err := loadPosts(root, "english-long.txt")
	if err != nil {
		return fig, err
	}
	long2, err := loadPosts(root, "english-long-2.txt")
	if err != nil {
		return fig, err
	}
	long = append(long, long2...)
	shortHeld, err := loadTSV(root, "english-short-holdout.tsv")
	if err != nil {
		return fig, err
	}
	fig.EnglishLongHeldOut = router.Evaluate(r, longHeld)
	fig.EnglishLong = router.Evaluate(r, long)
	fig.EnglishShortHeldOut = router.Evaluate(r, english(shortHeld, hold, hold2))
	fig.EnglishShortTuned = router.Evaluate(r, english(coll, coll2))
	fig.HeldOut = router.Evaluate(r, router.HeldOut(lecoqa))
	fig.Colloquial2 = router.Evaluate(r, coll2)
	fig.ColloquialHeldOut2 = router.Evaluate(r, hold2)
	fig.Colloquial = router.Evaluate(r, coll)
	fig.ColloquialHeldOut = router.Evaluate(r, hold)

	texts := append(append([]router.Sample{}, coll...), hold...)
	fig.SampleTextsPerPass = len(texts)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	n := 0
	start = time.Now()
	for time.Since(start) < 2*time.Second {
		for _, s := range texts {
			_, _ = r.Classify(s.Text)
			n++
		}
	}
	elapsed := time.Since(start)
	fig.PerSecondOneCore = float64(n) / elapsed.Seconds()
	fig.ClassifyMicros = float64(elapsed.Microseconds()) / float64(n)

	posts := append(append([]router.Sample{}, long...), longHeld...)
	n = 0
	start = time.Now()
	for time.Since(start) < time.Second {
		for _, s := range posts {
			_, _ = r.Classify(s.Text)
			n++
		}
	}
	fig.LongPostMicros = float64(time.Since(start).Microseconds()) / float64(n)
	return fig, nil
}
