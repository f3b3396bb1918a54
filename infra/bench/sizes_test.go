package bench

import "testing"

func TestSymbolGroups(t *testing.T) {
	for name, want := range map[string]string{
		"github.com/lawdesk/lawdesk/shared/store.(*Store).Read":                                        "own code",
		"github.com/lawdesk/lawdesk/shared/router/internal/textfeat.Normalize":                         "router",
		"type:.eq.github.com/lawdesk/lawdesk/shared/domain.Booking":                                    "own code",
		"github.com/aws/aws-sdk-go-v2/service/dynamodb.(*Client).Query":                                "DynamoDB operations",
		"github.com/aws/aws-sdk-go-v2/service/dynamodb/types.(*AttributeValueMemberS).isAttr":          "DynamoDB operations",
		"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/schemas.init":                            "item codec, expressions",
		"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue.Marshal":                         "item codec, expressions",
		"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression.Name":                                "item codec, expressions",
		"github.com/lawdesk/lawdesk/shared/store/internal/ddb.Marshal":                                 "item codec, expressions",
		"github.com/awslabs/aws-lambda-go-api-proxy/core.(*RequestAccessorV2).EventToRequest":          "HTTP server, API Gateway adapter",
		"net/http.(*ServeMux).ServeHTTP":                                                               "HTTP server, API Gateway adapter",
		"log/slog.(*handleState).appendAttr":                                                           "slog",
		"slices.pdqsortCmpFunc[go.shape.struct { github.com/lawdesk/lawdesk/shared/router.term int }]": "other",
		"runtime.mallocgc": "other",
	} {
		if got := sizeGroup(symbolPackage(name)); got != want {
			t.Errorf("%s: group %q (package %q), want %q", name, got, symbolPackage(name), want)
		}
	}
}

func TestTextSymbol(t *testing.T) {
	if n, name, ok := textSymbol("  4297a0      21696 T github.com/lawdesk/lawdesk/shared/store.(*Store).Read"); !ok || n != 21696 || name != "github.com/lawdesk/lawdesk/shared/store.(*Store).Read" {
		t.Errorf("text symbol: %d %q %v", n, name, ok)
	}
	if n, name, ok := textSymbol("  43ad80       1248 T slices.pdqsortCmpFunc[go.shape.struct { a int; b int }]"); !ok || n != 1248 || name != "slices.pdqsortCmpFunc[go.shape.struct { a int; b int }]" {
		t.Errorf("a name with spaces: %d %q %v", n, name, ok)
	}
	for _, line := range []string{"  a63fc0      58875 d github.com/lawdesk/lawdesk/shared/domain..gobytes.1", "         U runtime.x", ""} {
		if _, _, ok := textSymbol(line); ok {
			t.Errorf("%q read as a text symbol", line)
		}
	}
}
