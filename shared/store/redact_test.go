package store_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

// Texts published before the redaction learnt of WeChat IDs and numbers
// spelled in numerals are redacted by one RedactAgain pass over the
// table: every kind of public text, and nothing else — not the question
// as written (its PII item), not an audit record, not a text the new
// rules find nothing in. A second pass changes nothing; a dry run counts
// without writing; a text that changed meanwhile is left as it is.
func TestRedactAgain(t *testing.T) {
	db, table := ddbtest.Client(t), ddbtest.NewTable(t)
	st := store.New(db, table, cursor.New([]byte("0123456789abcdef0123456789abcdef")))
	svc := app.New(st, nil, app.Config{})
	put := func(pk, sk, kind string, attrs map[string]string) {
		item := map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: pk}, "sk": &types.AttributeValueMemberS{Value: sk},
			"type": &types.AttributeValueMemberS{Value: kind},
		}
		for k, v := range attrs {
			item[k] = &types.AttributeValueMemberS{Value: v}
		}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
			t.Fatal(err)
		}
	}
	get := func(pk, sk, attr string) string {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}, "sk": &types.AttributeValueMemberS{Value: sk}}})
		if err != nil {
			t.Fatal(err)
		}
		v, _ := out.Item[attr].(*types.AttributeValueMemberS)
		if v == nil {
			return ""
		}
		return v.Value
	}
	const (
		wechat   = "加我微信 zhang_san88 详聊"
		wechatR  = "加我微信 [已隐藏] 详聊"
		numerals = "电话一三八〇〇一三八〇〇〇"
		numR     = "电话[已隐藏]"
		clean    = "房东不退押金怎么办"
	)
	put("Q#1", "Q", "question", map[string]string{"title": wechat})
	put("Q#1", "PII", "question_pii", map[string]string{"title": wechat, "body": numerals}) // as written: the visitor's own
	put("QA#1", "TEXT", "question_text", map[string]string{"title": wechat, "body": numerals})
	put("QA#1", "A#1", "answer", map[string]string{"body": numerals, "publicBody": numerals, "questionTitle": wechat})
	put("QA#1", "A#1#R#1", "reply", map[string]string{"body": wechat, "publicBody": wechat})
	put("LAWYER#1", "REVIEW#1", "review", map[string]string{"text": "QQ号：12345678 回复很快"})
	put("LAWYER#1", "LAWYER", "lawyer", map[string]string{"bio": "执业十年，vx lawyer_wang1"})
	put("Q#2", "Q", "question", map[string]string{"title": clean})
	put("AUDIT#1", "1", "audit", map[string]string{"route": wechat}) // no public text

	dry, err := svc.RedactAgain(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := sum(dry.Changed); n != 8 || get("Q#1", "Q", "title") != wechat {
		t.Fatalf("dry run: %d to change (want 8), and the title is now %q", n, get("Q#1", "Q", "title"))
	}
	rep, err := svc.RedactAgain(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum(rep.Read) != 9 || sum(rep.Changed) != 8 || rep.Changed["question"] != 1 || rep.Read["question"] != 2 || rep.Skipped != 0 {
		t.Fatalf("report: %+v", rep)
	}
	for _, c := range []struct{ pk, sk, attr, want string }{
		{"Q#1", "Q", "title", wechatR},
		{"QA#1", "TEXT", "title", wechatR},
		{"QA#1", "TEXT", "body", numR},
		{"QA#1", "A#1", "publicBody", numR},
		{"QA#1", "A#1", "questionTitle", wechatR},
		{"QA#1", "A#1#R#1", "publicBody", wechatR},
		{"LAWYER#1", "REVIEW#1", "text", "QQ号：[已隐藏] 回复很快"},
		{"LAWYER#1", "LAWYER", "bio", "执业十年，vx [已隐藏]"},
		// As they were: what the public does not read, and a clean text.
		{"Q#1", "PII", "title", wechat},
		{"Q#1", "PII", "body", numerals},
		{"QA#1", "A#1", "body", numerals},
		{"QA#1", "A#1#R#1", "body", wechat},
		{"AUDIT#1", "1", "route", wechat},
		{"Q#2", "Q", "title", clean},
	} {
		if got := get(c.pk, c.sk, c.attr); got != c.want {
			t.Errorf("%s/%s %s = %q, want %q", c.pk, c.sk, c.attr, got, c.want)
		}
	}
	again, err := svc.RedactAgain(ctx, false)
	if err != nil || sum(again.Changed) != 0 {
		t.Fatalf("a second pass changed %v (%v)", again.Changed, err)
	}
	// A text changed between the read and the write is left as it is now.
	moved := domain.PublicText{PK: "Q#2", SK: "Q", Kind: "question", Attr: "title", Text: "an older title"}
	wantCode(t, st.RewritePublicText(ctx, moved, "x"), domain.EConflict)
	if get("Q#2", "Q", "title") != clean {
		t.Fatal("a rewrite on a changed text wrote")
	}
	if err := st.RewritePublicText(ctx, domain.PublicText{PK: "Q#1", SK: "PII", Kind: "question_pii", Attr: "title", Text: wechat}, "x"); err == nil {
		t.Fatal("RewritePublicText rewrote the question as written")
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
