// Command bench prints the benchmark table of `make bench`: the router's
// accuracy and speed, what a match costs in DynamoDB round trips and
// capacity at 100 and at 10,000 lawyers, against DynamoDB Local, and a
// soak of the built local server under a mixed workload over HTTP, and
// every function's bootstrap size and init time beside a bare handler's.
// It exits non-zero when the soak saw a 5xx or lost an acknowledged write.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/infra/bench"
	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/store"
)

func main() {
	big := flag.Int("lawyers", 10000, "the larger directory size")
	questions := flag.Int("questions", 100, "questions matched per directory size")
	part := flag.String("part", "all", "what to measure: all, router, matching, bookings, lifecycle, roundtrips, qa, soak, init, sizes")
	sweepBookings := flag.Int("sweep-bookings", 10000, "confirmed bookings the lifecycle part's sweep runs over")
	sweepDue := flag.Int("sweep-due", 100, "of them, how many have a reminder due at the sweep (at most 100)")
	qaBig := flag.Int("public-questions", 20000, "the larger number of public questions of the qa part")
	soak := flag.Duration("soak", time.Minute, "how long the soak's load runs")
	clients := flag.Int("clients", 50, "the soak's concurrent clients")
	think := flag.Duration("think", 2*time.Second, "the soak's mean pause before each request of a client (0: none)")
	starts := flag.Int("starts", 20, "how many times init starts each bootstrap")
	only := flag.String("functions", "", "the functions the init and sizes parts measure beside the baselines, comma-separated (default all)")
	flag.Parse()
	if *only != "" {
		initOnly = strings.Split(*only, ",")
	}
	// Ctrl-C ends the soak's server cleanly, and with it its DynamoDB Local.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	lifecycle = [2]int{*sweepBookings, *sweepDue}
	if err := run(ctx, *part, *big, *questions, *starts, *qaBig, bench.SoakOptions{Clients: *clients, Duration: *soak, Think: *think}); err != nil {
		stop()
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, part string, big, questions, starts, qaBig int, soak bench.SoakOptions) error {
	root, err := ddblocal.Root()
	if err != nil {
		return err
	}
	if part == "all" || part == "init" {
		if err := initTable(ctx, root, starts); err != nil {
			return err
		}
	}
	if part == "all" || part == "sizes" {
		if err := sizesTable(ctx, root); err != nil {
			return err
		}
	}
	if part == "all" || part == "router" {
		if err := routerTable(root); err != nil {
			return err
		}
	}
	if part == "all" || part == "matching" || part == "bookings" || part == "lifecycle" || part == "roundtrips" || part == "qa" {
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
			if err := bookingsTable(ctx, tpl); err != nil {
				return err
			}
		}
		if part == "all" || part == "lifecycle" {
			if err := lifecycleTable(ctx, tpl, lifecycle[0], lifecycle[1]); err != nil {
				return err
			}
		}
		if part == "all" || part == "roundtrips" {
			if err := roundTripsTable(ctx, tpl); err != nil {
				return err
			}
		}
		if part == "all" || part == "qa" {
			if err := qaTable(ctx, root, tpl, qaBig); err != nil {
				return err
			}
		}
	}
	if part == "all" || part == "soak" {
		return soakTable(ctx, root, soak)
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
	fmt.Println("| data | questions | top-1 | top-3 |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	for _, r := range []struct {
		name string
		rep  router.Report
	}{
		{"LeCoQA held-out part (never trained on)", fig.HeldOut},
		{"colloquial, held-out (never tuned on)", fig.ColloquialHeldOut},
		{"colloquial, tuned on", fig.Colloquial},
		{"colloquial 2 (weak kinds, mixed topics), held-out (never tuned on)", fig.ColloquialHeldOut2},
		{"colloquial 2 (weak kinds, mixed topics), tuned on", fig.Colloquial2},
		{"English long posts, held-out (never tuned on)", fig.EnglishLongHeldOut},
		{"English long posts, tuned on", fig.EnglishLong},
		{"English short questions, held-out (never tuned on)", fig.EnglishShortHeldOut},
		{"English short questions, tuned on", fig.EnglishShortTuned},
	} {
		fmt.Printf("| %s | %d | %.1f %% | %.1f %% |\n", r.name, r.rep.Total, 100*r.rep.Accuracy(), 100*r.rep.Top3Accuracy())
	}
	fmt.Println()
	fmt.Println("| area | LeCoQA held-out | colloquial held-out | colloquial 2 held-out |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	for _, a := range domain.Areas {
		h, c, c2 := fig.HeldOut.PerArea[a.Code], fig.ColloquialHeldOut.PerArea[a.Code], fig.ColloquialHeldOut2.PerArea[a.Code]
		fmt.Printf("| %s %s | %s | %s | %s |\n", a.Code, a.ZH, frac(h.Correct, h.Total), frac(c.Correct, c.Total), frac(c2.Correct, c2.Total))
	}
	fmt.Println()
	fmt.Println("English, top-1 and top-3 per area:")
	fmt.Println()
	fmt.Println("| area | long held-out top-1 | top-3 | long tuned top-1 | top-3 | short held-out top-1 | top-3 | short tuned top-1 | top-3 |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, a := range domain.Areas {
		fmt.Printf("| %s |", a.Code)
		for _, rep := range []router.Report{fig.EnglishLongHeldOut, fig.EnglishLong, fig.EnglishShortHeldOut, fig.EnglishShortTuned} {
			x := rep.PerArea[a.Code]
			fmt.Printf(" %s | %s |", frac(x.Correct, x.Total), frac(x.Top3, x.Total))
		}
		fmt.Println()
	}
	fmt.Println()
	fmt.Printf("| speed (one core) | value |\n| --- | ---: |\n")
	fmt.Printf("| classifications per second | %.0f |\n| time per classification | %.1f µs |\n| time per classification, long English post | %.1f µs |\n| loading the model (router.New) | %.1f ms |\n\n",
		fig.PerSecondOneCore, fig.ClassifyMicros, fig.LongPostMicros, fig.NewModelMillis)
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

func qaTable(ctx context.Context, root string, tpl *template.Template, big int) error {
	fmt.Println("## Public questions and answers, DynamoDB Local")
	fmt.Println()
	fmt.Println("| public questions | related: reads | in series | RCU | postings queried | found | p50 ms | page /q/{id}: reads | in series | RCU | p50 ms | bytes | render µs |")
	fmt.Println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, n := range []int{1000, big} {
		ddb, db, err := fresh(ctx)
		if err != nil {
			return err
		}
		env, err := bench.NewEnv(ctx, db, tpl, fmt.Sprintf("bench-qa-%d", n))
		if err != nil {
			ddb.Stop()
			return err
		}
		f, err := env.MeasureQA(ctx, root, n, 50)
		ddb.Stop()
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "bench: seeded %d public questions in %.0f s\n", n, f.SeedQuestionsSec)
		fmt.Printf("| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %.1f | %d | %.0f |\n", f.Questions,
			f.Related.Reads, f.Related.Depth, f.Related.RCU, f.RelatedPostings, f.RelatedFound, f.RelatedP50,
			f.Page.Reads, f.Page.Depth, f.Page.RCU, f.PageP50, f.PageBytes, f.RenderMicros)
	}
	fmt.Println()
	fmt.Println("A related lookup reads the question's card, then at once the newest 25 postings of each of its")
	fmt.Println("terms (at most six) and the newest questions of its area, then the candidates it ranks first:")
	fmt.Println("three round trips and a bounded number of items whatever the number of questions, so at")
	fmt.Println("millions only the term partitions grow (on disk), not what a lookup reads. The page adds the")
	fmt.Println("question's thread and its lawyers and firms beside the related lookup.")
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
	fmt.Printf("| operation (%d each) | reads | write calls | RCU | WCU (AWS) | of which index writes |\n| --- | ---: | ---: | ---: | ---: | ---: |\n", b.Ops)
	for _, r := range []struct {
		name string
		u    bench.Usage
	}{{"POST /questions (rate limit and private link on, as deployed)", b.Submit}, {"POST /bookings (with Idempotency-Key)", b.Book},
		{"POST /bookings/{id}/accept", b.Accept}, {"POST /bookings/{id}/cancel", b.Cancel},
		{fmt.Sprintf("a notification sent (notify; mean of %d)", b.Deliveries), b.Deliver}} {
		fmt.Printf("| %s | %d | %d | %.1f | %.1f | %.1f |\n", r.name, r.u.Reads, r.u.Writes, r.u.RCU, r.u.WCU, r.u.WCUIndexes)
	}
	fmt.Println()
	fmt.Printf("| concurrent clients | bookings | bookings/s | p50 ms | p99 ms | refused |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Printf("| %d | %d | %.0f | %.1f | %.1f | %d |\n", b.Clients, b.Bookings, b.PerSecond, b.P50, b.P99, b.Losers)
	fmt.Println()
	fmt.Println("Each write is one TransactWriteItems; WCU count the table's transactional writes at 2 per KB per item, as AWS")
	fmt.Println("charges, and each global secondary index entry written or removed at 1 per KB.")
	return nil
}

// lifecycle is the lifecycle part's sweep: confirmed bookings, of them due.
var lifecycle [2]int

func lifecycleTable(ctx context.Context, tpl *template.Template, bookings, due int) error {
	fmt.Println("## Booking lifecycle, DynamoDB Local: a reschedule, and one sweep of reminders")
	fmt.Println()
	if due > 100 || due > bookings {
		return fmt.Errorf("-sweep-due must be at most 100 and at most -sweep-bookings")
	}
	ddb, db, err := fresh(ctx)
	if err != nil {
		return err
	}
	defer ddb.Stop()
	env, err := bench.NewEnv(ctx, db, tpl, "bench-lifecycle")
	if err != nil {
		return err
	}
	const ops = 20
	fmt.Fprintf(os.Stderr, "bench: seeding %d confirmed bookings for the sweep…\n", bookings)
	f, err := env.MeasureLifecycle(ctx, ops, bookings, due, roundTripDelay)
	if err != nil {
		return err
	}
	fmt.Printf("| operation (%d each) | reads | write calls | in series (%d ms a call) | RCU | WCU (AWS) | of which index writes |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n", ops, roundTripDelay.Milliseconds())
	for _, r := range []struct {
		name  string
		u     bench.Usage
		depth int
	}{{"POST /bookings/{id}/reschedule by the visitor (confirmed → pending)", f.Visitor, f.VisitorDepth},
		{"POST /bookings/{id}/reschedule by the lawyer (stays confirmed, 2 reminders)", f.Lawyer, f.LawyerDepth}} {
		fmt.Printf("| %s | %d | %d | %d | %.1f | %.1f | %.1f |\n", r.name, r.u.Reads, r.u.Writes, r.depth, r.u.RCU, r.u.WCU, r.u.WCUIndexes)
	}
	fmt.Println()
	fmt.Printf("| sweep over | due | reads | write calls | RCU | WCU | messages sent | ms |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Printf("| %d confirmed bookings (%d reminders waiting) | %d | %d | %d | %.1f | %.1f | %d | %.0f |\n",
		f.Bookings, 2*f.Bookings, f.Due, f.Sweep.Reads, f.Sweep.Writes, f.Sweep.RCU, f.Sweep.WCU, f.SweepSent, f.SweepMillis)
	fmt.Println()
	fmt.Printf("A reschedule is one TransactWriteItems (booking, both slots, question, lead, the lawyer's index, the notice, the\n")
	fmt.Printf("new reminders); WCU at AWS's 2 per KB per transactional item. The sweep finds due reminders in GSI3 \"OUTBOX\"\n")
	fmt.Printf("by due time — a query of the due ones only, whatever the number waiting — then per reminder claims it, reads\n")
	fmt.Printf("the booking and both parties, sends four messages (the visitor's and the lawyer's e-mail and text) and records\n")
	fmt.Printf("them. Seeding took %.0f s.\n\n", f.SeedSeconds)
	return nil
}

// roundTripDelay is added to every DynamoDB call in the round-trip table:
// in AWS a call costs a few milliseconds plus jitter; the added delay makes
// the calls a request waits for in series stand out from the rest.
const roundTripDelay = 80 * time.Millisecond

func roundTripsTable(ctx context.Context, tpl *template.Template) error {
	fmt.Printf("## Round trips per request, DynamoDB Local with %d ms added to every call\n\n", roundTripDelay.Milliseconds())
	ddb, db, err := fresh(ctx)
	if err != nil {
		return err
	}
	defer ddb.Stop()
	env, err := bench.NewEnv(ctx, db, tpl, "bench-roundtrips")
	if err != nil {
		return err
	}
	rows, err := env.MeasureRoundTrips(ctx, roundTripDelay)
	if err != nil {
		return err
	}
	fmt.Println("| request | DynamoDB calls | in series | ms | RCU | WCU (AWS) |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		fmt.Printf("| %s | %d | %d | %.0f | %.1f | %.1f |\n", r.Route, r.Calls, r.Depth, r.Millis, r.RCU, r.WCU)
	}
	fmt.Println()
	fmt.Println("In series: the longest chain of calls each made after the one before had answered. Capacity with the")
	fmt.Println("benchmark's rate limits off (see the bookings table for a question submitted as deployed).")
	fmt.Println()
	return nil
}

// soakTable starts the built local server on a fresh data folder and
// prints what bench.Soak measured. The server runs with the rate limits
// off: they would refuse most of the load from one address, and refusing
// is not what is measured. The folder is removed unless the soak failed,
// when it is kept for the server's log.
func soakTable(ctx context.Context, root string, opt bench.SoakOptions) error {
	fmt.Println("## Soak: mixed workload over HTTP, the local server (infra/cmd/local) on DynamoDB Local")
	fmt.Println()
	dir, err := os.MkdirTemp("", "lawdesk-soak-")
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "bench: building and starting the local server…")
	srv, err := bench.StartServer(ctx, root, dir, "QUESTION_RATE_LIMIT=0", "CLASSIFY_RATE_LIMIT=0")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: soaking %s with %d clients…\n", opt.Duration, opt.Clients)
	fig, err := bench.Soak(ctx, srv, opt)
	if serr := srv.Stop(); err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("%w (the server's log is %s)", err, srv.LogPath)
	}

	fmt.Printf("| clients | seconds | journeys | bookings | requests | requests/s | p50 ms | p99 ms | 5xx or no answer | lost writes |\n")
	fmt.Printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Printf("| %d | %.0f | %d | %d | %d | %.1f | %.0f | %.0f | %d | %d |\n\n", fig.Clients, fig.Elapsed.Seconds(),
		fig.Journeys, fig.Bookings, fig.Requests, fig.PerSecond, fig.P50, fig.P99, fig.Failed, fig.Lost)

	fmt.Println("| operation | requests | per s | p50 ms | p99 ms | 2xx | slot taken (409) | other 4xx | 5xx or no answer |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, o := range fig.Ops {
		fmt.Printf("| %s | %d | %.1f | %.0f | %.0f | %d | %d | %d | %d |\n", o.Op, o.Requests, float64(o.Requests)/fig.Elapsed.Seconds(),
			o.P50, o.P99, o.OK, o.Races, o.Refused, o.Failed)
	}
	fmt.Println()
	fmt.Println("| status | code | operation | requests |")
	fmt.Println("| ---: | --- | --- | ---: |")
	if len(fig.Statuses) == 0 {
		fmt.Println("| – | – | every answer 2xx | – |")
	}
	for _, s := range fig.Statuses {
		status := fmt.Sprint(s.Status)
		if s.Status == bench.NoAnswer {
			status = "none"
		}
		fmt.Printf("| %s | %s | %s | %d |\n", status, s.Code, s.Op, s.N)
	}
	fmt.Println()
	fmt.Println("| read back after the load | acknowledged | missing | mismatched | unreadable |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	for _, c := range fig.Checks {
		fmt.Printf("| %s | %d | %d | %d | %d |\n", c.What, c.Acknowledged, c.Missing, c.Mismatched, c.Unreadable)
	}
	fmt.Println()
	fmt.Println("| process (from /proc) | pid | VmRSS at start of load | at end | peak (VmHWM) | CPU s during load |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: |")
	for _, p := range []struct {
		name string
		u    [2]bench.ProcUsage
	}{{"local server (Go)", fig.Server}, {"DynamoDB Local (the server's java child)", fig.Dynamo}} {
		if p.u[0].PID == 0 {
			fmt.Printf("| %s | not found | – | – | – | – |\n", p.name)
			continue
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %.1f |\n", p.name, p.u[0].PID, mib(p.u[0].RSS), mib(p.u[1].RSS), mib(p.u[1].HWM),
			(p.u[1].CPU - p.u[0].CPU).Seconds())
	}
	fmt.Println()
	fmt.Printf(`Each client runs journeys until the time is up (seconds above run to the last request under way
then), pausing %s on average before each request as a person reading the page would (-think): a
question (a quarter leave the area to the router), its matches, a lawyer's open slots, a
booking with an Idempotency-Key (tried again after a 503, as Retry-After asks); the lawyer accepts
%.0f %% and the visitor then reads the lawyer's contact; the visitor cancels %.0f %%; staff list their
firm's leads. First, untimed, the %d demo lawyers published %d more slots (%d requests answered 503
and were tried again). %d journeys found no slot to book. "Slot taken" is a lost race, expected.
%d bookings were made by a request answered 503 and found by its retry (Idempotent-Replayed).
Every acknowledged write was read back through the API after the load. The server's log: %d lines
at level ERROR; %d requests answered 5xx, %d of them at the %s request deadline (the store too
slow to answer in time).

`, opt.Think, 100*bench.AcceptShare, 100*bench.CancelShare, fig.Lawyers, fig.SlotsPublished, fig.SetupRetries, fig.NoSlot,
		fig.Replayed, fig.Log.ErrorLines, fig.Log.Answered5xx, fig.Log.AtDeadline, api.DefaultTimeout)

	if fig.Failed > 0 || fig.Lost > 0 {
		return fmt.Errorf("soak: %d answers 5xx or none, %d acknowledged writes lost (the server's log is %s)", fig.Failed, fig.Lost, srv.LogPath)
	}
	return os.RemoveAll(dir)
}

// initOnly is -functions: the init and sizes parts' functions, nil for all.
var initOnly []string

// initTable prints every bootstrap's size and init time beside the
// baseline's (infra/bench/baseline), built and started in the same run.
func initTable(ctx context.Context, root string, starts int) error {
	fmt.Printf("## Bootstrap size and init through the Lambda Runtime API, beside a bare handler\n\n")
	dir, err := os.MkdirTemp("", "lawdesk-init-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Fprintf(os.Stderr, "bench: building every bootstrap twice and starting each %d times…\n", starts)
	rows, err := bench.MeasureInit(ctx, root, bench.InitOptions{Starts: starts, Dir: dir, Only: initOnly})
	if err != nil {
		return err
	}
	base, withSecret := rows[0], rows[1]
	fmt.Printf("| function | arm64 MiB | − baseline MiB | room KiB (code/rodata/data) | %s MiB | init p50 ms | init p90 ms | init ÷ baseline (p50) | init ÷ baseline+secret (p50) |\n", runtime.GOARCH)
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		room := make([]string, len(r.Room))
		for i, b := range r.Room {
			room[i] = fmt.Sprintf("%.0f", float64(b)/1024)
		}
		fmt.Printf("| %s | %.2f | %+.2f | %s | %.2f | %.1f | %.1f | %.2f× | %.2f× |\n", r.Function, mebi(r.ARM64), mebi(r.ARM64-base.ARM64),
			strings.Join(room, "/"), mebi(r.Host), r.P50, r.P90, r.P50/base.P50, r.P50/withSecret.P50)
	}
	fmt.Println()
	fmt.Printf(`Built with the deployed flags (GOOS=linux CGO_ENABLED=0, -tags lambda.norpc -trimpath
-ldflags="-s -w"): arm64 to weigh, %s to run, as arm64 cannot run here. Init is from starting
the process to its first GET /runtime/invocation/next (infra/lambdarun), %d starts of each
bootstrap taken in turn, with Lambda's environment. Init's one network call, GetSecretValue of
APP_SECRET (and ORIGIN_VERIFY in the HTTP functions), goes to a stub on loopback: in AWS a
round trip to Secrets Manager in the region comes on top, not measured here. The baseline
(infra/bench/baseline) loads the SDK config, makes a DynamoDB client and makes one GetItem per
event; baseline+secret is the same bootstrap also reading one secret at init
(shared/awssecrets), the floor of a function that must. Targets (issue 10): init ≤ 1.2× and
size ≤ +1 MiB of the baseline. Each of the three loadable segments is padded to a 64 KiB
step, so sizes move in steps: "room" is how much each segment can grow before its next.

`, runtime.GOARCH, starts)
	return nil
}

// sizesTable prints each bootstrap's machine code by what it is for,
// beyond the baseline's: where the bytes over the baseline go.
func sizesTable(ctx context.Context, root string) error {
	fmt.Printf("## What each bootstrap's code is, beyond the baseline's (KB of machine code, arm64)\n\n")
	dir, err := os.MkdirTemp("", "lawdesk-sizes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Fprintln(os.Stderr, "bench: building every bootstrap with its symbols…")
	rows, err := bench.MeasureSizes(ctx, root, dir, initOnly)
	if err != nil {
		return err
	}
	fmt.Printf("| function | %s | total |\n|---|%s---:|\n", strings.Join(bench.SizeGroups, " | "), strings.Repeat("---:|", len(bench.SizeGroups)))
	for _, r := range rows {
		fmt.Printf("| %s |", r.Function)
		if r.Function == bench.Baseline {
			fmt.Printf("%s %.0f (its own) |\n", strings.Repeat(" |", len(bench.SizeGroups)), float64(r.Total)/1024)
			continue
		}
		for _, g := range bench.SizeGroups {
			fmt.Printf(" %.0f |", float64(r.Groups[g])/1024)
		}
		fmt.Printf(" %.0f |\n", float64(r.Total)/1024)
	}
	fmt.Printf(`
From go tool nm -size of the deployed build (GOOS=linux GOARCH=arm64, -tags lambda.norpc -trimpath)
with its symbols kept: text symbols only, by package, less the baseline's. The bootstrap
weighs about 2.8 times its code (pclntab, type data, strings; the router's tables.bin
comes on top in classify). "DynamoDB operations" are the client's code for
the calls beyond the baseline's one GetItem; "item codec, expressions" the store's own
(shared/store/internal/ddb), or in a build from before it the SDK's attributevalue and
expression with the streams types they pull in.

`)
	return nil
}

func mebi(b int64) float64 { return float64(b) / (1 << 20) }

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func frac(c, t int) string {
	if t == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", c, t)
}
