package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

// A request's budget follows its deadline (in Lambda, the invocation's,
// set by the function's Timeout), less the margin for answering, and at
// most API Gateway's limit; without a deadline, the fallback.
func TestBudget(t *testing.T) {
	within := func(ctx context.Context, want time.Duration) {
		t.Helper()
		if got := api.Budget(ctx, 8*time.Second); got > want || got < want-200*time.Millisecond {
			t.Errorf("Budget = %v, want %v", got, want)
		}
	}
	for _, c := range []struct{ timeout, want time.Duration }{
		{29 * time.Second, 28 * time.Second},              // the leads function
		{10 * time.Second, 9 * time.Second},               // the others
		{60 * time.Second, api.MaxBudget},                 // API Gateway stops waiting at 30 s
		{1500 * time.Millisecond, 750 * time.Millisecond}, // little left: half of it
	} {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		within(ctx, c.want)
		cancel()
	}
	within(context.Background(), 8*time.Second)
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if got := api.Budget(past, 8*time.Second); got != 0 {
		t.Errorf("Budget past the deadline = %v, want 0", got)
	}
}

// The leads CSV at its cap: with more leads than app.MaxCSVRows, the
// export of a request with the leads function's 29 s deadline (as Lambda
// gives it) holds exactly MaxCSVRows leads, answered 200 — not cut at a
// fixed 8 s.
func TestLeadsCSVAtItsCap(t *testing.T) {
	lambdaDeadline := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), 29*time.Second)
			defer cancel()
			h.ServeHTTP(w, r.WithContext(ctx))
		})
	}
	// A DynamoDB Local of its own: it slows down with all it has held, and
	// 15,000 items would slow every later test of the package.
	ctx := context.Background()
	inst, err := ddblocal.Start(ctx, ddblocal.Options{DieWithParent: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(inst.Stop)
	db, err := store.NewClient(ctx, inst.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	root, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const table = "leads-at-cap"
	if err := tpl.Table.EnsureTable(ctx, db, table); err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, db, table, lambdaDeadline, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 0 })
	firm := e.mustFirm("南京")
	lawyer := e.mustLawyer(firm, "南京", "family")
	n := app.MaxCSVRows + 1
	// One lead as the use cases write it — a question of the pool and the
	// firm's offer on it (CreateQuestion, MakeOffer) — then n-1 copies of
	// its items under other question IDs, written in batches: thousands
	// of transactions would take minutes on DynamoDB Local.
	at := time.Now().Add(-time.Hour)
	q := domain.Question{ID: domain.NewID(), Title: "离婚后孩子抚养权归谁", Area: "family", AreaSource: domain.AreaFromVisitor,
		City: "南京", Status: domain.QuestionSubmitted, CreatedAt: at, Phone: "13800138000",
		ConsentAt: at, PIIExpiresAt: time.Now().Add(time.Hour), TokenHash: "x"}
	if err := e.store.CreateQuestion(ctx, q, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.store.MakeOffer(ctx, q, domain.Lead{FirmID: firm, QuestionID: q.ID, Area: q.Area, City: q.City, Status: domain.LeadOffered,
		LawyerID: lawyer, Offer: &domain.Offer{ID: domain.NewID(), LawyerID: lawyer, Status: domain.OfferWaiting, CreatedAt: at},
		CreatedAt: at, UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
	seedStart := time.Now()
	ids := copyItemsOf(t, db, table, q.ID, n-1)
	t.Logf("seeded %d leads in %v", n, time.Since(seedStart).Round(time.Millisecond))
	exportStart := time.Now()
	ids = append(ids, q.ID)

	r := e.do(req{method: "GET", path: "/leads.csv", token: e.staff(firm)}).want(t, 200)
	t.Logf("exported them in %v", time.Since(exportStart).Round(time.Millisecond))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(r.raw), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - 1; got != app.MaxCSVRows {
		t.Fatalf("the CSV holds %d leads of %d, want the cap, %d", got, n, app.MaxCSVRows)
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		seen[row[0]] = true
	}
	missing := 0
	for _, id := range ids {
		if !seen[id] {
			missing++
		}
	}
	if len(seen) != app.MaxCSVRows || missing != 1 {
		t.Fatalf("the CSV holds %d distinct leads, %d of the %d left out; want the cap and one", len(seen), missing, n)
	}
}

// copyItemsOf writes n copies of the items whose partition key holds the
// question id (the question, its personal data, its leads), each copy
// under a new ID in place of id wherever it appears, in BatchWriteItem
// calls of 25, and returns the new IDs.
func copyItemsOf(t *testing.T, db *dynamodb.Client, table, id string, n int) []string {
	t.Helper()
	ctx := context.Background()
	var items []map[string]types.AttributeValue
	var start map[string]types.AttributeValue
	for {
		page, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: start})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			if pk, ok := it["pk"].(*types.AttributeValueMemberS); ok && strings.Contains(pk.Value, id) {
				items = append(items, it)
			}
		}
		if start = page.LastEvaluatedKey; start == nil {
			break
		}
	}
	if len(items) < 3 {
		t.Fatalf("the question's items: %d, want the question, its personal data and the lead", len(items))
	}
	var replace func(v types.AttributeValue, to string) types.AttributeValue
	replace = func(v types.AttributeValue, to string) types.AttributeValue {
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			return &types.AttributeValueMemberS{Value: strings.ReplaceAll(v.Value, id, to)}
		case *types.AttributeValueMemberSS:
			out := make([]string, len(v.Value))
			for i, s := range v.Value {
				out[i] = strings.ReplaceAll(s, id, to)
			}
			return &types.AttributeValueMemberSS{Value: out}
		case *types.AttributeValueMemberM:
			out := map[string]types.AttributeValue{}
			for k, e := range v.Value {
				out[k] = replace(e, to)
			}
			return &types.AttributeValueMemberM{Value: out}
		case *types.AttributeValueMemberL:
			out := make([]types.AttributeValue, len(v.Value))
			for i, e := range v.Value {
				out[i] = replace(e, to)
			}
			return &types.AttributeValueMemberL{Value: out}
		}
		return v
	}
	ids := make([]string, n)
	var writes []types.WriteRequest
	for i := range ids {
		ids[i] = domain.NewID()
		for _, it := range items {
			c := map[string]types.AttributeValue{}
			for k, v := range it {
				c[k] = replace(v, ids[i])
			}
			writes = append(writes, types.WriteRequest{PutRequest: &types.PutRequest{Item: c}})
		}
	}
	batches := make(chan []types.WriteRequest)
	var wg sync.WaitGroup
	var failed atomic.Value
	for range 4 {
		wg.Go(func() {
			for b := range batches {
				for len(b) > 0 && failed.Load() == nil {
					out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: b}})
					if err != nil {
						failed.Store(err)
						break
					}
					b = out.UnprocessedItems[table]
				}
			}
		})
	}
	for len(writes) > 0 {
		k := min(25, len(writes))
		batches <- writes[:k]
		writes = writes[k:]
	}
	close(batches)
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		t.Fatal(err)
	}
	return ids
}
