package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// TestAuditScopedToFirm: staff reading a lead's audit trail see the views
// of their own firm's people only — not those of another firm's lawyer or
// staff who saw the same visitor (an offer, an earlier booking) nor the
// platform's — page by page; admins and the visitor see every entry.
func TestAuditScopedToFirm(t *testing.T) {
	w := newWorld(t)
	staffA := w.staff(w.firmA)
	// Other firms' views outnumber firm A's, so that whole pages of the
	// subject's records hold none of firm A's.
	at := time.Now().UTC().Add(time.Minute)
	var entries []domain.AuditEntry
	add := func(actor, firm string) {
		at = at.Add(time.Second)
		entries = append(entries, domain.AuditEntry{ID: domain.NewID(), QuestionID: w.q1, Actor: actor, FirmID: firm,
			Fields: []string{"name", "phone"}, Route: "GET /leads", At: at})
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			add("lawyer:"+w.lb, w.firmB)
		}
		add("admin:admin-1", "")
		add("staff:staff-"+w.firmA, w.firmA)
	}
	if err := w.store.WriteAudit(bg, entries); err != nil {
		t.Fatal(err)
	}

	all := pages(t, w, "/audit?subject="+w.q1+"&limit=100", w.admin())
	wantA := map[string]bool{}
	firms := map[string]int{}
	for _, it := range all {
		firm, _ := it["firmId"].(string)
		firms[firm]++
		if firm == w.firmA {
			wantA[it["id"].(string)] = true
		}
	}
	if firms[w.firmB] != 12 || firms[""] != 3 || firms[w.firmA] != 3 {
		t.Fatalf("admin's view of the subject by firm = %v", firms)
	}
	for _, limit := range []int{1, 2, 100} {
		t.Run(fmt.Sprintf("Limit%d", limit), func(t *testing.T) {
			got := pages(t, w, fmt.Sprintf("/audit?subject=%s&limit=%d", w.q1, limit), staffA)
			seen := map[string]bool{}
			for _, it := range got {
				id := it["id"].(string)
				if it["firmId"] != w.firmA || !wantA[id] || seen[id] {
					t.Fatalf("staff of firm A see %v", it)
				}
				seen[id] = true
			}
			if len(seen) != len(wantA) {
				t.Fatalf("staff of firm A see %d of their firm's %d entries", len(seen), len(wantA))
			}
		})
	}
	// The visitor sees every record too, a look of one person a line.
	got, n := pages(t, w, "/questions/"+w.q1+"/access-log?limit=100", "", w.tok1), 0
	for _, it := range got {
		n += int(it["count"].(float64))
	}
	if n != len(all) {
		t.Fatalf("the visitor's lines stand for %d entries, admins see %d", n, len(all))
	}
	// A cursor of the admin's view is not one of the staff's.
	first := w.do(req{method: "GET", path: "/audit?subject=" + w.q1 + "&limit=1", token: w.admin()}).want(t, 200)
	w.do(req{method: "GET", path: "/audit?subject=" + w.q1 + "&limit=1&cursor=" + first.str("nextCursor"), token: staffA}).want(t, 400, "validation_failed")
}

// pages follows a list's cursors to its end and returns every item.
func pages(t *testing.T, w *world, path, token string, visitor ...string) []map[string]any {
	t.Helper()
	var out []map[string]any
	cursor := ""
	for n := 0; n < 100; n++ {
		p := path
		if cursor != "" {
			p += "&cursor=" + cursor
		}
		r := req{method: "GET", path: p, token: token}
		if len(visitor) > 0 {
			r.visitor = visitor[0]
		}
		res := w.do(r).want(t, 200)
		out = append(out, res.items()...)
		if cursor = res.str("nextCursor"); cursor == "" {
			return out
		}
	}
	t.Fatalf("%s: no end after 100 pages", path)
	return nil
}
