// Command notify is the Lambda function on the table's stream: it sends
// the notifications the booking transitions write to the outbox.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/awsnotify"
)

func main() {
	deps := awsboot.MustDeps(nil)    // environment, DynamoDB client, store, service (no router: it routes no text): once, at init
	n := awsnotify.FromEnv(deps.AWS) // SES and SNS on the same SDK configuration
	lambda.Start(awsnotify.StreamHandler(deps.Service, n, deps.Logger))
}
