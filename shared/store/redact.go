package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// publicTexts are the attributes the public reads, by item type: each was
// passed through domain.Redact when it was written, and RedactAgain
// passes it again after the redaction learnt more.
var publicTexts = map[string][]string{
	typeQuestion:     {"title"},
	typeQuestionText: {"title", "body"},
	typeAnswer:       {"publicBody", "questionTitle"},
	typeReply:        {"publicBody"},
	typeReview:       {"text"},
	typeLawyer:       {"bio"},
}

// EachPublicText calls f with every stored public text, in no order. It
// scans the whole table, page by page: a maintenance pass an operator runs
// (infra/cmd/redact-again), never a request's. It stops at f's first
// error.
func (s *Store) EachPublicText(ctx context.Context, f func(domain.PublicText) error) error {
	scanner, ok := s.db.(dynamodb.ScanAPIClient)
	if !ok {
		return fmt.Errorf("store: this client cannot scan the table")
	}
	kinds := make([]string, 0, len(publicTexts))
	names := []ddb.NameBuilder{ddb.Name("pk"), ddb.Name("sk"), ddb.Name("type")}
	var attrs []string
	for kind, as := range publicTexts {
		kinds = append(kinds, kind)
		attrs = append(attrs, as...)
	}
	slices.Sort(kinds)
	slices.Sort(attrs)
	for _, a := range slices.Compact(attrs) {
		names = append(names, ddb.Name(a))
	}
	in := make([]ddb.OperandBuilder, 0, len(kinds)-1)
	for _, k := range kinds[1:] {
		in = append(in, ddb.Value(k))
	}
	expr, err := ddb.NewBuilder().
		WithFilter(ddb.Name("type").In(ddb.Value(kinds[0]), in...)).
		WithProjection(ddb.NamesList(names[0], names[1:]...)).Build()
	if err != nil {
		return err
	}
	p := dynamodb.NewScanPaginator(scanner, &dynamodb.ScanInput{TableName: &s.table, FilterExpression: expr.Filter(),
		ProjectionExpression: expr.Projection(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return mapErr(err)
		}
		for _, it := range page.Items {
			str := func(k string) string {
				if v, ok := it[k].(*types.AttributeValueMemberS); ok {
					return v.Value
				}
				return ""
			}
			for _, a := range publicTexts[str("type")] {
				if text := str(a); text != "" {
					if err := f(domain.PublicText{PK: str("pk"), SK: str("sk"), Kind: str("type"), Attr: a, Text: text}); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// RewritePublicText stores text in place of t, on condition that the item
// still holds t.Text there: EConflict when it changed meanwhile (an edit,
// an erasure), and nothing is written.
func (s *Store) RewritePublicText(ctx context.Context, t domain.PublicText, text string) error {
	if !slices.Contains(publicTexts[t.Kind], t.Attr) {
		return fmt.Errorf("store: %s of a %s is no public text", t.Attr, t.Kind)
	}
	cond := ddb.Name(t.Attr).Equal(ddb.Value(t.Text)).And(ddb.Name("type").Equal(ddb.Value(t.Kind)))
	expr, err := ddb.NewBuilder().WithCondition(cond).WithUpdate(ddb.Set(ddb.Name(t.Attr), ddb.Value(text))).Build()
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &s.table, Key: key(t.PK, t.SK),
		ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values()})
	if isCondFailed(err) {
		return domain.Errorf(domain.EConflict, "the %s changed meanwhile", t.Attr)
	}
	return mapErr(err)
}
