// Package template reads what the local server and the tests need from
// template.yaml, the one source of truth: the DynamoDB table's schema (to
// create the same table locally) and the HTTP API's routes (to hold the Go
// route table to them).
package template

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"gopkg.in/yaml.v3"
)

// Template is the part of template.yaml read here.
type Template struct {
	Table  Table
	Routes []Route
	// Functions maps each function's logical ID to its properties.
	Functions map[string]Function
}

// Table is the schema of the DynamoDB table.
type Table struct {
	AttributeDefinitions []struct {
		AttributeName string `yaml:"AttributeName"`
		AttributeType string `yaml:"AttributeType"`
	} `yaml:"AttributeDefinitions"`
	KeySchema              []keyElement `yaml:"KeySchema"`
	GlobalSecondaryIndexes []struct {
		IndexName  string       `yaml:"IndexName"`
		KeySchema  []keyElement `yaml:"KeySchema"`
		Projection struct {
			ProjectionType   string   `yaml:"ProjectionType"`
			NonKeyAttributes []string `yaml:"NonKeyAttributes"`
		} `yaml:"Projection"`
	} `yaml:"GlobalSecondaryIndexes"`
	TimeToLiveSpecification struct {
		AttributeName string `yaml:"AttributeName"`
		Enabled       bool   `yaml:"Enabled"`
	} `yaml:"TimeToLiveSpecification"`
	StreamSpecification struct {
		StreamViewType string `yaml:"StreamViewType"`
	} `yaml:"StreamSpecification"`
}

type keyElement struct {
	AttributeName string `yaml:"AttributeName"`
	KeyType       string `yaml:"KeyType"`
}

// Route is one HttpApi event of a function.
type Route struct {
	Method     string
	Path       string
	Function   string // logical ID, e.g. DirectoryFunction
	Authorizer string // "" when the route has none
}

// Function is what the checks read of a function resource.
type Function struct {
	Events map[string]struct {
		Type       string    `yaml:"Type"`
		Properties yaml.Node `yaml:"Properties"`
	} `yaml:"Events"`
	Policies yaml.Node `yaml:"Policies"`
	Metadata map[string]string
}

// Load reads template.yaml at path.
func Load(path string) (*Template, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Resources map[string]struct {
			Type       string    `yaml:"Type"`
			Metadata   yaml.Node `yaml:"Metadata"`
			Properties yaml.Node `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &Template{Functions: map[string]Function{}}
	tables := 0
	for name, res := range doc.Resources {
		switch res.Type {
		case "AWS::DynamoDB::Table":
			tables++
			if err := res.Properties.Decode(&t.Table); err != nil {
				return nil, fmt.Errorf("%s: table %s: %w", path, name, err)
			}
		case "AWS::Serverless::Function":
			var fn Function
			if err := res.Properties.Decode(&fn); err != nil {
				return nil, fmt.Errorf("%s: function %s: %w", path, name, err)
			}
			_ = res.Metadata.Decode(&fn.Metadata)
			t.Functions[name] = fn
			for _, ev := range fn.Events {
				if ev.Type != "HttpApi" {
					continue
				}
				var p struct {
					Method string `yaml:"Method"`
					Path   string `yaml:"Path"`
					Auth   struct {
						Authorizer string `yaml:"Authorizer"`
					} `yaml:"Auth"`
				}
				if err := ev.Properties.Decode(&p); err != nil {
					return nil, fmt.Errorf("%s: function %s: %w", path, name, err)
				}
				auth := p.Auth.Authorizer
				if auth == "NONE" {
					auth = ""
				}
				t.Routes = append(t.Routes, Route{Method: strings.ToUpper(p.Method), Path: p.Path, Function: name, Authorizer: auth})
			}
		}
	}
	if tables != 1 {
		return nil, fmt.Errorf("%s: want exactly one AWS::DynamoDB::Table, found %d", path, tables)
	}
	sort.Slice(t.Routes, func(i, j int) bool {
		return t.Routes[i].Path+" "+t.Routes[i].Method < t.Routes[j].Path+" "+t.Routes[j].Method
	})
	return t, nil
}

// CreateTableInput returns the CreateTable request for the template's table
// under name (on-demand, like the template).
func (t Table) CreateTableInput(name string) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), BillingMode: types.BillingModePayPerRequest}
	for _, a := range t.AttributeDefinitions {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(a.AttributeName), AttributeType: types.ScalarAttributeType(a.AttributeType),
		})
	}
	in.KeySchema = keySchema(t.KeySchema)
	for _, g := range t.GlobalSecondaryIndexes {
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName: aws.String(g.IndexName),
			KeySchema: keySchema(g.KeySchema),
			Projection: &types.Projection{
				ProjectionType:   types.ProjectionType(g.Projection.ProjectionType),
				NonKeyAttributes: g.Projection.NonKeyAttributes,
			},
		})
	}
	if v := t.StreamSpecification.StreamViewType; v != "" {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewType(v)}
	}
	return in
}

func keySchema(ks []keyElement) []types.KeySchemaElement {
	out := make([]types.KeySchemaElement, len(ks))
	for i, k := range ks {
		out[i] = types.KeySchemaElement{AttributeName: aws.String(k.AttributeName), KeyType: types.KeyType(k.KeyType)}
	}
	return out
}

// EnsureTable creates the table name from the template when it is missing,
// adds any index the template has and the table lacks (a data folder from
// an older version), and turns TTL on. It returns once the table is active.
func (t Table) EnsureTable(ctx context.Context, db *dynamodb.Client, name string) error {
	desc, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var nf *types.ResourceNotFoundException
	switch {
	case errors.As(err, &nf):
		// In use: made meanwhile, by another starter or by this very
		// call's first attempt, whose answer the SDK gave up waiting for
		// (DynamoDB Local under load) before it retried.
		var inUse *types.ResourceInUseException
		if _, err := db.CreateTable(ctx, t.CreateTableInput(name)); err != nil && !errors.As(err, &inUse) {
			return fmt.Errorf("create table %s: %w", name, err)
		}
	case err != nil:
		return fmt.Errorf("describe table %s: %w", name, err)
	default:
		have := map[string]bool{}
		for _, g := range desc.Table.GlobalSecondaryIndexes {
			have[aws.ToString(g.IndexName)] = true
		}
		want := t.CreateTableInput(name)
		for _, g := range want.GlobalSecondaryIndexes {
			if have[aws.ToString(g.IndexName)] {
				continue
			}
			g := g
			if _, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{
				TableName:            aws.String(name),
				AttributeDefinitions: want.AttributeDefinitions,
				GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
					IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection,
				}}},
			}); err != nil {
				return fmt.Errorf("add index %s to %s: %w", aws.ToString(g.IndexName), name, err)
			}
		}
	}
	w := dynamodb.NewTableExistsWaiter(db, func(o *dynamodb.TableExistsWaiterOptions) { o.MinDelay = 100 * time.Millisecond })
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, time.Minute); err != nil {
		return err
	}
	if ttl := t.TimeToLiveSpecification; ttl.Enabled && ttl.AttributeName != "" {
		cur, err := db.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
		if err == nil && cur.TimeToLiveDescription != nil && cur.TimeToLiveDescription.TimeToLiveStatus == types.TimeToLiveStatusEnabled {
			return nil
		}
		if _, err := db.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
			TableName:               aws.String(name),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(ttl.AttributeName), Enabled: aws.Bool(true)},
		}); err != nil {
			return fmt.Errorf("enable TTL on %s: %w", name, err)
		}
	}
	return nil
}
