package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

type firmItem struct {
	PK        string    `dynamodbav:"pk"`
	SK        string    `dynamodbav:"sk"`
	Type      string    `dynamodbav:"type"`
	ID        string    `dynamodbav:"id"`
	Name      string    `dynamodbav:"name"`
	Phone     string    `dynamodbav:"phone"`
	Website   string    `dynamodbav:"website,omitempty"`
	City      string    `dynamodbav:"city"`
	Slogan    string    `dynamodbav:"slogan,omitempty"`
	CreatedAt time.Time `dynamodbav:"createdAt"`
}

func (i firmItem) domain() domain.Firm {
	return domain.Firm{ID: i.ID, Name: i.Name, Phone: i.Phone, Website: i.Website, City: i.City, Slogan: i.Slogan, CreatedAt: i.CreatedAt}
}

// CreateFirm stores a new firm. Returns EConflict if the ID is taken by
// another firm.
func (s *Store) CreateFirm(ctx context.Context, f domain.Firm) error {
	item, err := ddb.MarshalMap(firmItem{
		PK: firmPK(f.ID), SK: skFirm, Type: typeFirm, ID: f.ID, Name: f.Name, Phone: f.Phone,
		Website: f.Website, City: f.City, Slogan: f.Slogan, CreatedAt: f.CreatedAt.UTC(),
	})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           &s.table,
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if isCondFailed(err) {
		// The SDK retries a put whose answer was lost; if what stands is
		// the very firm this call wrote, the put succeeded.
		if cur, ferr := s.FindFirmByID(ctx, f.ID); ferr == nil && cur.Name == f.Name && cur.CreatedAt.Equal(f.CreatedAt.UTC()) {
			return nil
		}
		return domain.Errorf(domain.EConflict, "firm %s exists", f.ID)
	}
	return mapErr(err)
}

// FindFirmByID returns a firm. Returns ENotFound.
func (s *Store) FindFirmByID(ctx context.Context, id string) (domain.Firm, error) {
	var it firmItem
	if err := s.get(ctx, firmPK(id), skFirm, &it, "no firm %s", id); err != nil {
		return domain.Firm{}, err
	}
	return it.domain(), nil
}

// FindFirmsByIDs returns the firms found among ids, by ID (one
// BatchGetItem per 100 ids; unknown ids are left out).
func (s *Store) FindFirmsByIDs(ctx context.Context, ids []string) (map[string]domain.Firm, error) {
	items, err := s.batchGet(ctx, keysOf(ids, func(id string) []map[string]types.AttributeValue {
		return []map[string]types.AttributeValue{key(firmPK(id), skFirm)}
	}))
	if err != nil {
		return nil, err
	}
	out := map[string]domain.Firm{}
	for _, raw := range items {
		var it firmItem
		if err := ddb.UnmarshalMap(raw, &it); err != nil {
			return nil, err
		}
		out[it.ID] = it.domain()
	}
	return out, nil
}

// keysOf returns the keys of each distinct, non-empty id.
func keysOf(ids []string, keys func(id string) []map[string]types.AttributeValue) []map[string]types.AttributeValue {
	seen := map[string]bool{}
	var out []map[string]types.AttributeValue
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, keys(id)...)
		}
	}
	return out
}

// get reads one item into out (strongly consistent); an absent item is
// ENotFound with the message notFound (formatted with args).
func (s *Store) get(ctx context.Context, pk, sk string, out any, notFound string, args ...any) error {
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      &s.table,
		Key:            key(pk, sk),
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return mapErr(err)
	}
	if res.Item == nil {
		return domain.Errorf(domain.ENotFound, notFound, args...)
	}
	return ddb.UnmarshalMap(res.Item, out)
}

// batchGet reads keys, 100 per BatchGetItem, retrying unprocessed keys a
// few times; eventually consistent.
func (s *Store) batchGet(ctx context.Context, keys []map[string]types.AttributeValue) ([]map[string]types.AttributeValue, error) {
	return s.batchRead(ctx, keys, false)
}

// batchRead is batchGet, strongly consistent when consistent is set.
func (s *Store) batchRead(ctx context.Context, keys []map[string]types.AttributeValue, consistent bool) ([]map[string]types.AttributeValue, error) {
	var out []map[string]types.AttributeValue
	for len(keys) > 0 {
		n := min(len(keys), 100)
		items, err := s.batchGet100(ctx, keys[:n], consistent)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		keys = keys[n:]
	}
	return out, nil
}

func (s *Store) batchGet100(ctx context.Context, keys []map[string]types.AttributeValue, consistent bool) ([]map[string]types.AttributeValue, error) {
	var out []map[string]types.AttributeValue
	req := map[string]types.KeysAndAttributes{s.table: {Keys: keys, ConsistentRead: aws.Bool(consistent)}}
	for attempt := 0; len(req) > 0; attempt++ {
		if attempt == 5 {
			return nil, &domain.Error{Code: domain.EUnavailable, Message: "the store is busy; try again shortly", RetryAfter: 2 * time.Second}
		}
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, mapErr(ctx.Err())
			case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
			}
		}
		res, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: req})
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, res.Responses[s.table]...)
		req = res.UnprocessedKeys
	}
	return out, nil
}
