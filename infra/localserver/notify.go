package localserver

import (
	"context"
	"log/slog"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// logNotifier is the local stand-in for SES and SNS: it prints what would
// be sent — kind, booking, recipient role, channel — and never an
// address, a name or a text.
type logNotifier struct{ log *slog.Logger }

func (n logNotifier) Send(_ context.Context, m domain.Message) error {
	n.log.Info("notification sent", "kind", m.Kind, "booking", m.BookingID, "question", m.QuestionID, "to", m.To, "channel", m.Channel, "ics", len(m.ICS) > 0)
	return nil
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
