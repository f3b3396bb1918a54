package app_test

import (
	"context"
	"testing"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// A service built without a classifier (the functions that route no text)
// refuses the use cases that need one with an internal error, before it
// reaches the store.
func TestNoClassifier(t *testing.T) {
	svc := app.New(nil, nil, app.DefaultConfig())
	yes := true
	t.Run("Classify", func(t *testing.T) {
		_, err := svc.Classify(context.Background(), "老板拖欠工资怎么办", "192.0.2.1:1234")
		if got, want := domain.ErrorCode(err), domain.EInternal; err == nil || got != want {
			t.Fatalf("Classify: %v (code %q), want code %q", err, got, want)
		}
	})
	t.Run("SubmitQuestion", func(t *testing.T) {
		in := domain.QuestionInput{Title: "老板拖欠工资怎么办", Body: "公司三个月没发工资了，老板一直拖着不给。", Area: "labor", City: "南京",
			Name: "李雷", Phone: "13800138000", Consent: &yes}
		if err := in.Validate(); err != nil {
			t.Fatalf("the input must be valid for the test to mean anything: %v", err)
		}
		_, err := svc.SubmitQuestion(context.Background(), in, "192.0.2.1:1234")
		if got, want := domain.ErrorCode(err), domain.EInternal; err == nil || got != want {
			t.Fatalf("SubmitQuestion: %v (code %q), want code %q", err, got, want)
		}
	})
}
