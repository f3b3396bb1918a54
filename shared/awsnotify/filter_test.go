package awsnotify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// The notify function's stream filter (template.yaml, NotifyFunction's
// Outbox event) lets through exactly the inserts of outbox items: read
// from the table's own stream in DynamoDB Local after a question, a
// booking, an accept and the sends recorded on their notifications — and
// nothing the store updates afterwards, or any other item.
func TestStreamFilterMatchesWhatTheStoreWrites(t *testing.T) {
	ctx := context.Background()
	pattern := outboxPattern(t)
	db := ddbtest.Client(t)
	table := ddbtest.NewTable(t)
	_, st, _ := bookedWorld(t, table)
	pending, err := st.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 10)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	// Each send claims the item first; one send recorded as failed (to
	// retry: it stays pending), then given up, one as sent: claims and
	// records are all updates of an outbox item the filter must not pass
	// again.
	mark := func(id, status, lastError string) {
		t.Helper()
		claim := domain.NewID()
		if _, err := st.ClaimOutbox(ctx, id, claim, time.Now(), time.Now().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkOutbox(ctx, domain.OutboxMark{ID: id, ClaimID: claim, Status: status, LastError: lastError, At: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	mark(pending[0].ID, domain.OutboxPending, "timeout")
	mark(pending[1].ID, domain.OutboxSent, "")
	mark(pending[0].ID, domain.OutboxFailed, "gave up")

	records := streamRecords(t, db, table)
	var passed, want []string
	kinds := map[string]int{}
	for _, rec := range records {
		raw, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		id := rec.EventName + " " + rec.Change.Keys["pk"].String()
		kinds[rec.EventName]++
		if matches(t, pattern, doc) {
			passed = append(passed, id)
		}
		if rec.EventName == "INSERT" && rec.Change.NewImage["type"].String() == "outbox" {
			want = append(want, id)
		}
	}
	sort.Strings(passed)
	sort.Strings(want)
	if len(want) != 2 || kinds["MODIFY"] < 6 || strings.Join(passed, ",") != strings.Join(want, ",") {
		t.Fatalf("the filter passed %v, want the outbox inserts %v (of %d records: %v)", passed, want, len(records), kinds)
	}
}

// outboxPattern is the notify function's filter pattern, from template.yaml.
func outboxPattern(t *testing.T) map[string]any {
	t.Helper()
	root, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		FilterCriteria struct {
			Filters []struct {
				Pattern string `yaml:"Pattern"`
			} `yaml:"Filters"`
		} `yaml:"FilterCriteria"`
	}
	ev, ok := tpl.Functions["NotifyFunction"].Events["Outbox"]
	if !ok {
		t.Fatal("NotifyFunction has no Outbox event")
	}
	if err := ev.Properties.Decode(&p); err != nil || len(p.FilterCriteria.Filters) != 1 {
		t.Fatalf("NotifyFunction's Outbox event: want one filter, have %+v (%v)", p, err)
	}
	var pattern map[string]any
	if err := json.Unmarshal([]byte(p.FilterCriteria.Filters[0].Pattern), &pattern); err != nil {
		t.Fatalf("the filter pattern is not JSON: %v", err)
	}
	for k := range pattern {
		if k != "dynamodb" {
			t.Errorf("the filter keys on %q: DynamoDB event source mappings filter on the dynamodb key only", k)
		}
	}
	return pattern
}

// matches applies an event filter pattern as Lambda does, for the rules
// the template uses: nested objects, and lists of literal values or of
// {"exists": bool} and {"prefix": "…"}. Any other rule fails the test
// (teach it here before using it in the template).
func matches(t *testing.T, pattern, doc map[string]any) bool {
	t.Helper()
	for k, p := range pattern {
		v, present := doc[k]
		switch p := p.(type) {
		case map[string]any:
			sub, ok := v.(map[string]any)
			if !ok || !matches(t, p, sub) {
				return false
			}
		case []any:
			ok := false
			for _, rule := range p {
				switch r := rule.(type) {
				case string, float64, bool:
					ok = ok || present && fmt.Sprint(v) == fmt.Sprint(r)
				case map[string]any:
					if e, isExists := r["exists"].(bool); isExists && len(r) == 1 {
						ok = ok || present == e
					} else if pre, isPrefix := r["prefix"].(string); isPrefix && len(r) == 1 {
						s, isString := v.(string)
						ok = ok || isString && strings.HasPrefix(s, pre)
					} else {
						t.Fatalf("filter rule %v is not one this check knows", r)
					}
				default:
					t.Fatalf("filter rule %v is not one this check knows", r)
				}
			}
			if !ok {
				return false
			}
		default:
			t.Fatalf("filter pattern value %v is neither an object nor a list", p)
		}
	}
	return true
}

// streamRecords reads every record of the table's stream, as the Lambda
// event records the notify function would be handed.
func streamRecords(t *testing.T, db *dynamodb.Client, table string) []events.DynamoDBEventRecord {
	t.Helper()
	ctx := context.Background()
	desc, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil || desc.Table.LatestStreamArn == nil {
		t.Fatalf("the table has no stream: %v", err)
	}
	streams := dynamodbstreams.NewFromConfig(aws.Config{Region: db.Options().Region, Credentials: db.Options().Credentials},
		func(o *dynamodbstreams.Options) { o.BaseEndpoint = db.Options().BaseEndpoint })
	s, err := streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: desc.Table.LatestStreamArn})
	if err != nil {
		t.Fatal(err)
	}
	var out []events.DynamoDBEventRecord
	for _, shard := range s.StreamDescription.Shards {
		it, err := streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: desc.Table.LatestStreamArn,
			ShardId: shard.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		iter := it.ShardIterator
		for range 100 {
			if iter == nil {
				break
			}
			page, err := streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Records {
				out = append(out, events.DynamoDBEventRecord{EventName: string(r.EventName), EventSource: "aws:dynamodb",
					Change: events.DynamoDBStreamRecord{Keys: image(r.Dynamodb.Keys), NewImage: image(r.Dynamodb.NewImage),
						SequenceNumber: aws.ToString(r.Dynamodb.SequenceNumber), StreamViewType: string(r.Dynamodb.StreamViewType)}})
			}
			if len(page.Records) == 0 {
				break
			}
			iter = page.NextShardIterator
		}
	}
	if len(out) == 0 {
		t.Fatal("the stream holds no record")
	}
	return out
}

func image(m map[string]types.AttributeValue) map[string]events.DynamoDBAttributeValue {
	if m == nil {
		return nil
	}
	out := make(map[string]events.DynamoDBAttributeValue, len(m))
	for k, v := range m {
		out[k] = attribute(v)
	}
	return out
}

func attribute(v types.AttributeValue) events.DynamoDBAttributeValue {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return events.NewStringAttribute(v.Value)
	case *types.AttributeValueMemberN:
		return events.NewNumberAttribute(v.Value)
	case *types.AttributeValueMemberBOOL:
		return events.NewBooleanAttribute(v.Value)
	case *types.AttributeValueMemberNULL:
		return events.NewNullAttribute()
	case *types.AttributeValueMemberB:
		return events.NewBinaryAttribute(v.Value)
	case *types.AttributeValueMemberSS:
		return events.NewStringSetAttribute(v.Value)
	case *types.AttributeValueMemberNS:
		return events.NewNumberSetAttribute(v.Value)
	case *types.AttributeValueMemberBS:
		return events.NewBinarySetAttribute(v.Value)
	case *types.AttributeValueMemberL:
		l := make([]events.DynamoDBAttributeValue, len(v.Value))
		for i, e := range v.Value {
			l[i] = attribute(e)
		}
		return events.NewListAttribute(l)
	case *types.AttributeValueMemberM:
		return events.NewMapAttribute(image(v.Value))
	}
	return events.NewNullAttribute()
}
