// Command questions is the Lambda function serving the questions routes of the HTTP
// API (see shared/api/routes.go and template.yaml).
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/router"
)

func main() {
	deps := awsboot.MustDeps(router.NewClassifier()) // environment, DynamoDB client, store, service, router: once, at init
	lambda.Start(awsboot.HTTP(deps, api.Questions))
}
