package store

import (
	"slices"
	"testing"
)

// TestCancellationByName is the mapping alone: reasons in the order of
// the items, several items of one name, a conflict.
func TestCancellationByName(t *testing.T) {
	p := &plan{names: []string{"slot", "index", "index", "lead"}}
	c := &cancellation{p: p, reasons: []string{"None", "None", "ConditionalCheckFailed", "None"}}
	if !c.failed("index") || c.failed("slot") || c.failed("lead") || !slices.Equal(c.failedNames(), []string{"index"}) {
		t.Fatalf("failed = %v", c.failedNames())
	}
	c = &cancellation{p: p, reasons: []string{"None", "TransactionConflict", "None", "None"}}
	if !c.conflict() || len(c.failedNames()) != 0 {
		t.Fatalf("a conflict: conflict %v, failed %v", c.conflict(), c.failedNames())
	}
	var none *cancellation
	if none.failed("slot") || none.conflict() || none.old("slot") != nil {
		t.Fatal("a nil cancellation names nothing")
	}
}
