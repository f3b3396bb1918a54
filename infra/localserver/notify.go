package localserver

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Inbox is the local stand-in for SES and SNS: it keeps, in memory, every
// e-mail and text message the product "sent" as the recipient would read
// it, for GET /local/notifications and the GET /local/inbox page (local
// only, never deployed), and logs each without an address, a name or a
// text. It keeps the last inboxKept messages; a restart empties it.
type Inbox struct {
	log   *slog.Logger
	mu    sync.Mutex
	items []InboxItem
}

// inboxKept bounds what the inbox remembers.
const inboxKept = 2000

// InboxItem is one message as GET /local/notifications shows it: the
// contract's fields, and where it went (masked) and the .ics it carried.
type InboxItem struct {
	Kind       string      `json:"kind"`
	To         domain.Role `json:"to"`
	Channel    string      `json:"channel"`
	BookingID  string      `json:"bookingId,omitempty"`
	QuestionID string      `json:"questionId,omitempty"`
	At         time.Time   `json:"at"`
	Subject    string      `json:"subject,omitempty"`
	Text       string      `json:"text"`
	// Address is where it went, masked as the pages mask contacts.
	Address string `json:"address"`
	// ICS is the calendar file an e-mail carried ("" for none).
	ICS string `json:"ics,omitempty"`
}

// NewInbox returns an empty inbox that logs to log.
func NewInbox(log *slog.Logger) *Inbox {
	if log == nil {
		log = slog.Default()
	}
	return &Inbox{log: log}
}

// Send keeps m and logs that it went (kind, booking, question, role,
// channel: nothing personal).
func (n *Inbox) Send(_ context.Context, m domain.Message) error {
	addr := domain.MaskPhone(m.Address)
	if m.Channel == "email" {
		addr = domain.MaskEmail(m.Address)
	}
	n.mu.Lock()
	n.items = append(n.items, InboxItem{Kind: m.Kind, To: m.To, Channel: m.Channel, BookingID: m.BookingID, QuestionID: m.QuestionID,
		At: time.Now().UTC().Truncate(time.Millisecond), Subject: m.Subject, Text: m.Text, Address: addr, ICS: string(m.ICS)})
	if over := len(n.items) - inboxKept; over > 0 {
		n.items = slices.Delete(n.items, 0, over)
	}
	n.mu.Unlock()
	n.log.Info("notification sent", "kind", m.Kind, "booking", m.BookingID, "question", m.QuestionID, "to", m.To, "channel", m.Channel, "ics", len(m.ICS) > 0)
	return nil
}

// Items returns the messages about booking and question ("" for any),
// oldest first.
func (n *Inbox) Items(booking, question string) []InboxItem {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := []InboxItem{}
	for _, it := range n.items {
		if (booking == "" || it.BookingID == booking) && (question == "" || it.QuestionID == question) {
			out = append(out, it)
		}
	}
	return out
}

// mount adds GET /local/notifications and GET /local/inbox to mux.
func (n *Inbox) mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /local/notifications", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		w.Header().Set("Cache-Control", "no-store")
		api.WriteJSON(w, http.StatusOK, map[string]any{"items": n.Items(q.Get("booking"), q.Get("question"))})
	})
	mux.HandleFunc("GET /local/inbox", n.page)
}

// page is GET /local/inbox: every message sent, newest first, as its
// recipient reads it — subject, text, the attached .ics — in plain HTML
// under the pages' stylesheet (no script, no inline style: the pages'
// CSP holds).
func (n *Inbox) page(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	items := n.Items(q.Get("booking"), q.Get("question"))
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<meta http-equiv="refresh" content="10"><title>本地收件箱 · Local inbox · LawDesk</title><link rel="stylesheet" href="/assets/app.css"></head><body><main id="main" class="inbox">` +
		`<h1 class="page-title">本地收件箱 · Local inbox</h1>` +
		`<p class="lead">本地服务器"发送"的每封邮件和短信，按收件人看到的样子显示（最新在前；每 10 秒刷新；只在本地，从不部署）。` +
		` Every e-mail and text message the local server "sent", as its recipient reads it (newest first; refreshes every 10 s; local only, never deployed).</p>`)
	fmt.Fprintf(&b, `<p class="muted">%d 条 · %d messages. <a href="/local/notifications">JSON</a> · <a href="/">LawDesk</a></p>`, len(items), len(items))
	if len(items) == 0 {
		b.WriteString(`<p class="muted">还没有发送任何消息。提交一个问题或预约试试。 · Nothing sent yet: ask a question or book a lawyer.</p>`)
	}
	b.WriteString(`<ol class="cards">`)
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		fmt.Fprintf(&b, `<li><article class="card message" data-kind="%s" data-channel="%s"><div class="card-head"><h2>%s</h2><span class="badge">%s</span></div>`,
			esc(it.Kind), esc(it.Channel), esc(orDash(it.Subject, it.Channel)), esc(it.Kind))
		fmt.Fprintf(&b, `<p class="meta">%s · %s · %s · %s</p>`, esc(string(it.To)), esc(it.Channel), esc(it.Address), esc(it.At.Format(time.RFC3339)))
		if it.BookingID != "" || it.QuestionID != "" {
			fmt.Fprintf(&b, `<p class="meta">booking %s · question %s</p>`, esc(orDash(it.BookingID, "—")), esc(orDash(it.QuestionID, "—")))
		}
		fmt.Fprintf(&b, `<p class="pre">%s</p>`, esc(it.Text))
		if it.ICS != "" {
			fmt.Fprintf(&b, `<details><summary>附件 consultation.ics</summary><pre class="pre mono">%s</pre></details>`, esc(it.ICS))
		}
		b.WriteString(`</article></li>`)
	}
	b.WriteString(`</ol></main></body></html>`)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	_, _ = w.Write([]byte(b.String()))
}

// orDash is s, or alt when s is empty (a text message has no subject).
func orDash(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// deliver sends the outbox every interval until ctx ends: locally this
// plays the table stream's notify function.
func deliver(ctx context.Context, svc *app.Service, n app.Notifier, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := svc.DeliverPending(ctx, n, 0, 100); err != nil && ctx.Err() == nil {
			log.Error("delivering notifications failed", "err", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
