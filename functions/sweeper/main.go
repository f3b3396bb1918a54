// Command sweeper is the scheduled Lambda function (every five minutes)
// that does what time makes due: see app.Service.Sweep.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/awsnotify"
)

func main() {
	deps := awsboot.MustDeps(nil)    // environment, DynamoDB client, store, service (no router: it routes no text): once, at init
	n := awsnotify.FromEnv(deps.AWS) // SES and SNS on the same SDK configuration
	deps.Service.Notifier = n        // retries what the stream could not send
	lambda.Start(awsboot.Sweeper(deps))
}
