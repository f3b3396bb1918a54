package app

import (
	"context"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// RedactReport counts what RedactAgain read and what it changed, by item
// type (question, question_text, answer, reply, review, lawyer). It holds
// no text.
type RedactReport struct {
	Read    map[string]int
	Changed map[string]int
	// Skipped counts texts that changed while the pass ran (an edit, an
	// erasure): left as they are now, which was written after the
	// redaction's upgrade.
	Skipped int
}

// RedactAgain passes every stored public text through domain.Redact again
// and stores what changes (nothing with dryRun): run once after the
// redaction learnt more, so that what was published before reads as it
// would now. Redact is stable, so a text changes only where the new rules
// find personal data the old ones missed; the asker's name, looked for at
// submission, stays redacted. Returns the counts, or the store's error.
func (s *Service) RedactAgain(ctx context.Context, dryRun bool) (RedactReport, error) {
	rep := RedactReport{Read: map[string]int{}, Changed: map[string]int{}}
	err := s.store.EachPublicText(ctx, func(t domain.PublicText) error {
		rep.Read[t.Kind]++
		text := domain.Redact(t.Text)
		if text == t.Text {
			return nil
		}
		if !dryRun {
			err := s.store.RewritePublicText(ctx, t, text)
			if domain.ErrorCode(err) == domain.EConflict {
				rep.Skipped++
				return nil
			}
			if err != nil {
				return err
			}
		}
		rep.Changed[t.Kind]++
		return nil
	})
	return rep, err
}
