// Command pages is the Lambda function serving the public pages (question pages, sitemap, robots.txt) of the HTTP
// API (see shared/api/routes.go and template.yaml).
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/awsboot"
)

func main() {
	deps := awsboot.MustDeps(nil) // environment, DynamoDB client, store, service (no router: it routes no text): once, at init
	lambda.Start(awsboot.HTTP(deps, api.Pages))
}
