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
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Counter is a store.DB that counts calls and consumed capacity.
type Counter struct {
	DB *dynamodb.Client

	mu    sync.Mutex
	reads int
	write int
	rcu   float64
	wcu   float64
}

// Usage is what a Counter saw since its last Reset.
type Usage struct {
	Reads, Writes int     // read and write round trips
	RCU, WCU      float64 // WCU with transactions at AWS's 2 units per KB per item
}

// Reset returns the usage so far and starts again from zero.
func (c *Counter) Reset() Usage {
	c.mu.Lock()
	defer c.mu.Unlock()
	u := Usage{Reads: c.reads, Writes: c.write, RCU: c.rcu, WCU: c.wcu}
	c.reads, c.write, c.rcu, c.wcu = 0, 0, 0, 0
	return u
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

func one(cc *types.ConsumedCapacity) []types.ConsumedCapacity {
	if cc == nil {
		return nil
	}
	return []types.ConsumedCapacity{*cc}
}

const total = types.ReturnConsumedCapacityTotal

func (c *Counter) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.GetItem(ctx, in, o...)
	if err == nil {
		c.add(true, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.PutItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.UpdateItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.DeleteItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.Query(ctx, in, o...)
	if err == nil {
		c.add(true, 1, one(out.ConsumedCapacity)...)
	}
	return out, err
}

func (c *Counter) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.BatchGetItem(ctx, in, o...)
	if err == nil {
		c.add(true, 1, out.ConsumedCapacity...)
	}
	return out, err
}

func (c *Counter) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.TransactWriteItems(ctx, in, o...)
	if err == nil {
		// AWS charges transactional writes twice what DynamoDB Local reports.
		c.add(false, 2, out.ConsumedCapacity...)
	} else {
		c.add(false, 0)
	}
	return out, err
}

func (c *Counter) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	in.ReturnConsumedCapacity = total
	out, err := c.DB.BatchWriteItem(ctx, in, o...)
	if err == nil {
		c.add(false, 1, out.ConsumedCapacity...)
	}
	return out, err
}
