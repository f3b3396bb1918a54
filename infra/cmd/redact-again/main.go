// Command redact-again passes every public text stored in the table —
// questions' titles and bodies, answers, follow-ups, reviews, lawyers'
// bios — through the current domain.Redact once more and stores what
// changes (app.Service.RedactAgain). Run it once after an upgrade whose
// redaction learnt more, so that what was published before it reads as it
// would now:
//
//	go run ./infra/cmd/redact-again -table lawdesk-prod [-dry-run]
//	go run ./infra/cmd/redact-again -endpoint http://127.0.0.1:8000 -table lawdesk   # DynamoDB Local
//
// It scans the whole table once (read capacity in proportion to its size)
// with the SDK's default credentials, and prints counts only: never a text.
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/store"
)

func main() {
	table := flag.String("table", os.Getenv("TABLE_NAME"), "the table (default $TABLE_NAME)")
	endpoint := flag.String("endpoint", os.Getenv("DYNAMODB_ENDPOINT"), "a DynamoDB endpoint other than AWS's (DynamoDB Local)")
	dry := flag.Bool("dry-run", false, "count what would change, write nothing")
	flag.Parse()
	if *table == "" {
		fmt.Fprintln(os.Stderr, "redact-again: name the table (-table or TABLE_NAME)")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := store.LoadConfig(ctx, *endpoint)
	if err != nil {
		fmt.Fprintln(os.Stderr, "redact-again:", err)
		os.Exit(1)
	}
	// No cursor leaves this process: a random key seals none.
	st := store.New(store.NewClientFromConfig(cfg, *endpoint), *table, cursor.New([]byte(rand.Text())))
	rep, err := app.New(st, nil, app.Config{}).RedactAgain(ctx, *dry)
	kinds := make([]string, 0, len(rep.Read))
	for k := range rep.Read {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	verb := "rewritten"
	if *dry {
		verb = "to rewrite (dry run)"
	}
	fmt.Printf("| item type | public texts read | %s |\n| --- | ---: | ---: |\n", verb)
	for _, k := range kinds {
		fmt.Printf("| %s | %d | %d |\n", k, rep.Read[k], rep.Changed[k])
	}
	if rep.Skipped > 0 {
		fmt.Printf("\n%d texts changed while the pass ran and were left as they are now.\n", rep.Skipped)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "redact-again: stopped:", err, "(run it again: what is done stays done)")
		os.Exit(1)
	}
}
