// Package bench measures what `make bench` prints: the router's accuracy
// and speed, and what matching and booking cost in DynamoDB round trips
// and capacity, against DynamoDB Local (whose ConsumedCapacity figures are
// real, except that it charges transactional writes 1 unit per KB where
// AWS charges 2: transaction WCU are doubled here, per the pricing
// formula); and the soak, a mixed load on the built local server over
// HTTP, with every acknowledged write read back afterwards.
package bench

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Counter is a store.DB that counts calls and consumed capacity, and
// can add a delay to every call (as a network round trip to DynamoDB
// would) while recording when each call ran, to tell how many of them a
// request waits for one after another.
type Counter struct {
	DB *dynamodb.Client
	// Delay is added to every call before it is made.
	Delay time.Duration

	mu      sync.Mutex
	reads   int
	write   int
	rcu     float64
	wcu     float64
	wcuGSIs float64
	spans   [][2]time.Time
}

// Usage is what a Counter saw since its last Reset.
type Usage struct {
	Reads, Writes int     // read and write round trips
	RCU, WCU      float64 // WCU with transactions at AWS's 2 units per KB per item
	// WCUIndexes is the part of WCU spent writing the global secondary
	// indexes (1 unit per KB per index entry written or removed).
	WCUIndexes float64
	// Depth is the longest chain of calls each made after the one before
	// had answered: the round trips a request waits for in series.
	Depth int
}

// Reset returns the usage so far and starts again from zero.
func (c *Counter) Reset() Usage {
	c.mu.Lock()
	defer c.mu.Unlock()
	u := Usage{Reads: c.reads, Writes: c.write, RCU: c.rcu, WCU: c.wcu, WCUIndexes: c.wcuGSIs, Depth: depth(c.spans)}
	c.reads, c.write, c.rcu, c.wcu, c.wcuGSIs, c.spans = 0, 0, 0, 0, 0, nil
	return u
}

// begin waits the delay and returns the function that records the call's
// span when it has answered.
func (c *Counter) begin() func() {
	start := time.Now()
	if c.Delay > 0 {
		time.Sleep(c.Delay)
	}
	return func() {
		c.mu.Lock()
		c.spans = append(c.spans, [2]time.Time{start, time.Now()})
		c.mu.Unlock()
	}
}

// depth is the longest chain of spans each starting after the previous
// one ended.
func depth(spans [][2]time.Time) int {
	sort.Slice(spans, func(i, j int) bool { return spans[i][0].Before(spans[j][0]) })
	best := make([]int, len(spans))
	max := 0
	for j := range spans {
		best[j] = 1
		for i := 0; i < j; i++ {
			if !spans[i][1].After(spans[j][0]) && best[i]+1 > best[j] {
				best[j] = best[i] + 1
			}
		}
		if best[j] > max {
			max = best[j]
		}
	}
	return max
}

func (c *Counter) add(read bool, factor float64, caps ...types.ConsumedCapacity) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if read {
		c.reads++
	} else {
		c.write++
	}
	for _, cc := range caps {
		if cc.Table != nil && !read {
			// By table and index: the table's writes at factor (2 for a
			// transaction), each index entry at 1.
			c.wcu += factor * unitsOf(cc.Table)
			for _, g := range cc.GlobalSecondaryIndexes {
				c.wcu += unitsOf(&g)
				c.wcuGSIs += unitsOf(&g)
			}
			continue
		}
		c.rcu += aws.ToFloat64(cc.ReadCapacityUnits)
		c.wcu += factor * aws.ToFloat64(cc.WriteCapacityUnits)
		if cc.ReadCapacityUnits == nil && cc.WriteCapacityUnits == nil {
			// DynamoDB Local may give only the total.
			if read {
				c.rcu += aws.ToFloat64(cc.CapacityUnits)
			} else {
				c.wcu += factor * aws.ToFloat64(cc.CapacityUnits)
			}
		}
	}
}

// unitsOf is the write units of one table or index.
func unitsOf(c *types.Capacity) float64 {
	if c.WriteCapacityUnits != nil {
		return aws.ToFloat64(c.WriteCapacityUnits)
	}
	return aws.ToFloat64(c.CapacityUnits)
}

func one(cc *types.ConsumedCapacity) []types.ConsumedCapacity {
	if cc == nil {
		return nil
	}
	return []types.ConsumedCapacity{*cc}
}

// total asks for the capacity by table and index (INDEXES), so that the
// index writes can be told apart.
const total = types.ReturnConsumedCapacityIndexes

func (c *Counter) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.GetItem(ctx, in, o...)
	if err == nil {
		c.add(true, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.PutItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.UpdateItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.DeleteItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.Query(ctx, in, o...)
	if err == nil {
		c.add(true, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.BatchGetItem(ctx, in, o...)
	if err == nil {
		c.add(true, 1, out.ConsumedCapacity...)
	}
	return out, err
}

func (c *Counter) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.TransactWriteItems(ctx, in, o...)
	if err == nil {
		// DynamoDB Local reports the same table units for a transaction
		// whatever number of items it writes (2 for one put or for four):
		// the table's share is counted here by AWS's formula instead, 2
		// units per KB per item, and the indexes' as DynamoDB Local
		// reports them (1 per entry written or removed).
		caps := make([]types.ConsumedCapacity, len(out.ConsumedCapacity))
		for i, cc := range out.ConsumedCapacity {
			cc.Table = &types.Capacity{WriteCapacityUnits: aws.Float64(transactionUnits(in.TransactItems))}
			cc.CapacityUnits, cc.WriteCapacityUnits = nil, nil
			caps[i] = cc
		}
		c.add(false, 1, caps...)
	} else {
		c.add(false, 0)
	}
	return out, err
}

// transactionUnits is what AWS charges a transaction's items on the table:
// 2 write units per KB (rounded up) of each item — a put's item as sent;
// an update, delete or condition check counted as one KB, the size of
// every item the store updates in a transaction (slots, bookings,
// questions, counters).
func transactionUnits(items []types.TransactWriteItem) float64 {
	units := 0.0
	for _, it := range items {
		kb := 1
		if it.Put != nil {
			kb = max(1, (itemSize(it.Put.Item)+1023)/1024)
		}
		units += 2 * float64(kb)
	}
	return units
}

// itemSize is an item's size as DynamoDB counts it: attribute names and
// values (strings and binaries by length, numbers about a byte per two
// digits, sets and documents with their members).
func itemSize(item map[string]types.AttributeValue) int {
	n := 0
	for k, v := range item {
		n += len(k) + valueSize(v)
	}
	return n
}

func valueSize(v types.AttributeValue) int {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return len(v.Value)/2 + 1
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range v.Value {
			n += len(s)/2 + 1
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range v.Value {
			n += 1 + valueSize(e)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, e := range v.Value {
			n += 1 + len(k) + valueSize(e)
		}
		return n
	}
	return 0
}

func (c *Counter) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	defer c.begin()()
	in.ReturnConsumedCapacity = total
	out, err := c.DB.BatchWriteItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, out.ConsumedCapacity...)
	}
	return out, err
}
