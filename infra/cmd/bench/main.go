// Command bench prints the benchmark table of `make bench`: the router's
// accuracy and speed, and what a match costs in DynamoDB round trips and
// capacity at 100 and at 10,000 lawyers, against DynamoDB Local.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/infra/bench"
	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

func main() {
	big := flag.Int("lawyers", 10000, "the larger directory size")
	questions := flag.Int("questions", 100, "questions matched per directory size")
	part := flag.String("part", "all", "what to measure: all, router, matching, bookings")
	flag.Parse()
	if err := run(*big, *questions, *part); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(big, questions int, part string) error {
	root, err := ddblocal.Root()
	if err != nil {
		return err
	}
	if part == "all" || part == "router" {
		if err := routerTable(root); err != nil {
			return err
		}
	}
	if part == "router" {
		return nil
	}
	ctx := context.Background()
	tpl, err := template.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		return err
	}
	if part == "all" || part == "matching" {
		if err := matchingTable(ctx, tpl, big, questions); err != nil {
			return err
		}
	}
	if part == "all" || part == "bookings" {
		return bookingsTable(ctx, tpl)
	}
	return nil
}

// fresh starts a DynamoDB Local of its own for one measurement: it slows
// down with all it has held, even after DeleteTable, so measurements must
// not share one.
func fresh(ctx context.Context) (*ddblocal.Instance, *dynamodb.Client, error) {
	fmt.Fprintln(os.Stderr, "bench: starting a fresh DynamoDB Local…")
	ddb, err := ddblocal.Start(ctx, ddblocal.Options{DieWithParent: true})
	if err != nil {
		return nil, nil, err
	}
	db, err := store.NewClient(ctx, ddb.Endpoint)
	if err != nil {
		ddb.Stop()
		return nil, nil, err
	}
	return ddb, db, nil
}

func routerTable(root string) error {
	fmt.Println("## Router (shared/router)")
	fig, err := bench.MeasureRouter(root)
	if err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("| data | questions | top-1 |")
	fmt.Println("| --- | ---: | ---: |")
	for _, r := range []struct {
		name string
		rep  interface {
			Accuracy() float64
		}
		n int
	}{
		{"LeCoQA held-out part (never trained on)", fig.HeldOut, fig.HeldOut.Total},
		{"colloquial, held-out (never tuned on)", fig.ColloquialHeldOut, fig.ColloquialHeldOut.Total},
		{"colloquial, tuned on", fig.Colloquial, fig.Colloquial.Total},
	} {
		fmt.Printf("| %s | %d | %.1f %% |\n", r.name, r.n, 100*r.rep.Accuracy())
	}
	fmt.Println()
	fmt.Println("| area | LeCoQA held-out | colloquial held-out |")
	fmt.Println("| --- | ---: | ---: |")
	for _, a := range domain.Areas {
		h, c := fig.HeldOut.PerArea[a.Code], fig.ColloquialHeldOut.PerArea[a.Code]
		fmt.Printf("| %s %s | %s | %s |\n", a.Code, a.ZH, frac(h.Correct, h.Total), frac(c.Correct, c.Total))
	}
	fmt.Println()
	fmt.Printf("| speed (one core) | value |\n| --- | ---: |\n")
	fmt.Printf("| classifications per second | %.0f |\n| time per classification | %.1f µs |\n| loading the model (router.New) | %.1f ms |\n\n",
		fig.PerSecondOneCore, fig.ClassifyMicros, fig.NewModelMillis)
	return nil
}

func matchingTable(ctx context.Context, tpl *template.Template, big, questions int) error {
	fmt.Println("## Matching (GET /questions/{id}/matches), DynamoDB Local")
	fmt.Println()
	fmt.Println("| lawyers | matches | reads/match | writes/match | RCU/match | WCU/match (AWS) | lawyers listed | p50 ms | p99 ms |")
	fmt.Println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, n := range []int{100, 1000, big} {
		ddb, db, err := fresh(ctx)
		if err != nil {
			return err
		}
		env, err := bench.NewEnv(ctx, db, tpl, fmt.Sprintf("bench-match-%d", n))
		if err != nil {
			ddb.Stop()
			return err
		}
		start := time.Now()
		if err := env.SeedLawyers(ctx, n, 8); err != nil {
			ddb.Stop()
			return err
		}
		fmt.Fprintf(os.Stderr, "bench: seeded %d lawyers in %s\n", n, time.Since(start).Round(time.Second))
		m, err := env.MeasureMatches(ctx, n, questions)
		if err != nil {
			ddb.Stop()
			return err
		}
		fmt.Printf("| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
			m.Lawyers, m.Questions, m.Per.Reads, m.Per.Writes, m.Per.RCU, m.Per.WCU, m.Listed, m.P50, m.P99)
		ddb.Stop()
	}
	fmt.Println()
	fmt.Println("A match reads the question, two area-index queries of at most 20 items and the firms of the")
	fmt.Println("listed lawyers, and writes one transaction (question → matched, funnel counter, load credits).")
	fmt.Println()
	return nil
}

func bookingsTable(ctx context.Context, tpl *template.Template) error {
	fmt.Println("## Bookings, DynamoDB Local")
	fmt.Println()
	ddb, db, err := fresh(ctx)
	if err != nil {
		return err
	}
	defer ddb.Stop()
	env, err := bench.NewEnv(ctx, db, tpl, "bench-bookings")
	if err != nil {
		return err
	}
	b, err := env.MeasureBookings(ctx, 50, 50)
	if err != nil {
		return err
	}
	fmt.Printf("| operation (%d each) | reads | write calls | RCU | WCU (AWS) |\n| --- | ---: | ---: | ---: | ---: |\n", b.Ops)
	for _, r := range []struct {
		name string
		u    bench.Usage
	}{{"POST /bookings (with Idempotency-Key)", b.Book}, {"POST /bookings/{id}/accept", b.Accept}, {"POST /bookings/{id}/cancel", b.Cancel}} {
		fmt.Printf("| %s | %d | %d | %.1f | %.1f |\n", r.name, r.u.Reads, r.u.Writes, r.u.RCU, r.u.WCU)
	}
	fmt.Println()
	fmt.Printf("| concurrent clients | bookings | bookings/s | p50 ms | p99 ms | refused |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Printf("| %d | %d | %.0f | %.1f | %.1f | %d |\n", b.Clients, b.Bookings, b.PerSecond, b.P50, b.P99, b.Losers)
	fmt.Println()
	fmt.Println("Each write is one TransactWriteItems; WCU count transactional writes at 2 per KB per item, as AWS charges.")
	return nil
}

func frac(c, t int) string {
	if t == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", c, t)
}
