//go:build ignore

// gen.go regenerates model.txt, the statistical model the router embeds,
// from the training part of testdata/lecoqa-areas.tsv (router.Training: the
// held-out part is never seen). Run it with
//
//	go generate ./shared/router
//
// Flags (development only): -cv reports a cross-validation of the model
// alone on the training part instead of writing the file; -skipblock k
// leaves out the training questions of block k ((id/10)%5 == k) as well, to
// build fold models for evaluating the whole router on unseen training
// blocks; the hyper-parameter flags override train.Defaults.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/router/internal/train"
)

func main() {
	in := flag.String("in", "testdata/lecoqa-areas.tsv", "lecoqa TSV")
	out := flag.String("out", "model.txt", "output model file")
	cv := flag.Bool("cv", false, "report a cross-validation on the training part instead of writing a model")
	skip := flag.Int("skipblock", -1, "also leave out the training questions with (id/10)%5 == skipblock (1..4)")
	p := train.Defaults
	flag.IntVar(&p.MinN, "minn", p.MinN, "shortest character n-gram")
	flag.IntVar(&p.MaxN, "maxn", p.MaxN, "longest character n-gram")
	flag.IntVar(&p.MinDF, "mindf", p.MinDF, "minimum document frequency of a feature")
	flag.Float64Var(&p.L2, "l2", p.L2, "L2 penalty")
	flag.IntVar(&p.Iters, "iters", p.Iters, "gradient steps")
	flag.Float64Var(&p.LR, "lr", p.LR, "learning rate")
	flag.Float64Var(&p.Balance, "balance", p.Balance, "class-weight exponent (0 = none, 1 = fully balanced)")
	flag.Float64Var(&p.Prune, "prune", p.Prune, "write weights smaller than this in absolute value as 0")
	flag.Parse()

	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	all, err := router.LoadTSV(f)
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	samples := router.Training(all)
	if *skip >= 0 {
		var kept []router.Sample
		for _, s := range samples {
			if (s.ID/10)%5 != *skip {
				kept = append(kept, s)
			}
		}
		samples = kept
	}
	if *cv {
		fmt.Print(train.CrossValidate(samples, p))
		return
	}
	data := train.Model(samples, p)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("trained on %d questions → %s (%d bytes)", len(samples), *out, len(data))
}
