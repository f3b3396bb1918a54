// Command sweeper is the scheduled Lambda function (every five minutes)
// that does what time makes due: see app.Service.Sweep.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/lawdesk/lawdesk/shared/awsboot"
)

func main() {
	deps := awsboot.MustDeps() // environment, DynamoDB client, store, service: once, at init
	lambda.Start(awsboot.Sweeper(deps))
}
