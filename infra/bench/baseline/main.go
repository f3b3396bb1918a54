// Command baseline is the bare Lambda function the benchmark compares the
// product's functions with: it loads the SDK configuration and makes a
// DynamoDB client at init, as every function must, and makes one GetItem
// per event (its answer ignored) so that the linker keeps the client's
// operation code — serialisation, signing, retries — as it does in every
// real function. Its init time and bootstrap size are the floor of what a
// function can reach. With APP_SECRET_ARN set it also reads that secret at
// init, as every function of the product must (shared/awssecrets): the
// benchmark's "baseline+secret" row, the floor of a function that reads
// its secret from Secrets Manager.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/awssecrets"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		// DYNAMODB_ENDPOINT points it at DynamoDB Local, as in the functions.
		if e := os.Getenv("DYNAMODB_ENDPOINT"); e != "" {
			o.BaseEndpoint = aws.String(e)
		}
	})
	if arn := os.Getenv("APP_SECRET_ARN"); arn != "" {
		if _, err := awssecrets.GetSecretValue(context.Background(), cfg, arn); err != nil {
			log.Fatal(err)
		}
	}
	table := os.Getenv("TABLE_NAME")
	lambda.Start(func(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
		_, _ = db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "baseline"}, "sk": &types.AttributeValueMemberS{Value: "baseline"}}})
		return in, nil
	})
}
