package domain

import (
	"slices"
	"strings"
	"time"
)

// Public questions and answers (问答): lawyers answer public questions in
// writing, the asker and the answering lawyer follow up under an answer
// (追问), and the asker marks answers helpful (采纳). Everything of it that
// anyone may read passes Redact, with the asker's name, when it is
// written: the public text stays whole when the asker's personal data
// later expires, and nothing public is ever computed from it again.

// Limits of answers and follow-ups.
const (
	AnswerMinRunes = 20
	AnswerMaxRunes = 5000
	ReplyMinRunes  = 2
	ReplyMaxRunes  = 2000
	// MaxReplies is how many follow-ups one answer's thread holds: a
	// consultation that long belongs in a booking, and an answer with its
	// thread is removed in one transaction.
	MaxReplies = 40
	// AnswerNoticeEvery is the least time between two messages telling an
	// asker of new answers or follow-ups to their question.
	AnswerNoticeEvery = time.Hour
	// RelatedMax is the most related questions a page lists.
	RelatedMax = 10
	// MaxTerms is how many of a question's terms index it for related
	// questions.
	MaxTerms = 6
)

// NoticeAnswerPosted tells the asker that their public question has a new
// answer or follow-up, with the private link.
const NoticeAnswerPosted = "answer_posted"

// Authors of a follow-up.
const (
	AuthorAsker  = "asker"
	AuthorLawyer = "lawyer"
)

// QuestionText is what anyone may read of a public question, redacted
// once when it was submitted, and the terms that index it for related
// questions. It is kept apart from the question's personal data, which
// expires, and is erased with it.
type QuestionText struct {
	QuestionID string
	Area       string
	Title      string
	Body       string
	Terms      []string
	CreatedAt  time.Time
}

// PublicText is what anyone may read of public question q: its title and
// body redacted with the asker's name, and its terms.
func (q Question) PublicText() QuestionText {
	return QuestionText{QuestionID: q.ID, Area: q.Area, Title: q.RedactedTitle(), Body: q.RedactedBody(), Terms: q.Terms, CreatedAt: q.CreatedAt}
}

// Answer is a lawyer's written public answer to a question.
type Answer struct {
	ID         string
	QuestionID string
	LawyerID   string
	FirmID     string
	// Body is as the lawyer wrote it (no contact data: refused at
	// writing); PublicBody is it redacted with the asker's name.
	Body       string
	PublicBody string
	// QuestionTitle is the question's redacted title, for the lawyer's
	// list of answers.
	QuestionTitle string
	Area          string
	Helpful       bool
	CreatedAt     time.Time
	// Replies is the thread under the answer, oldest first; ReplyCount
	// their number as stored.
	Replies    []Reply
	ReplyCount int
	// NoticeAt is when the latest message telling the lawyer of the
	// asker's follow-ups was scheduled (NextAnswerNotice).
	NoticeAt *time.Time
}

// Reply is one follow-up under an answer, by the asker or the answering
// lawyer.
type Reply struct {
	ID       string
	AnswerID string
	Author   string
	// Body is as written (the asker reads it so); PublicBody redacted.
	Body       string
	PublicBody string
	CreatedAt  time.Time
}

// NewAnswerID returns a new ID for an answer to question questionID. An
// answer's ID names its question, so that the routes on an answer
// (/answers/{id}/…) find the thread in one read.
func NewAnswerID(questionID string) string { return questionID + "-" + NewID() }

// QuestionOfAnswer returns the question an answer ID names; ok is false
// for a string that is no answer ID.
func QuestionOfAnswer(answerID string) (string, bool) {
	q, a, ok := strings.Cut(answerID, "-")
	return q, ok && len(q) == 26 && len(a) == 26
}

// TextInput is the body of POST /questions/{id}/answers and POST
// /answers/{id}/replies.
type TextInput struct {
	Body string `json:"body"`
}

// ValidateAnswer normalises a lawyer's answer in place. Returns EInvalid
// (fields.body: its length, or contact data in it).
func (in *TextInput) ValidateAnswer() error {
	return in.validate(AnswerMinRunes, AnswerMaxRunes, true)
}

// ValidateReply normalises a follow-up in place; a lawyer's may hold no
// contact data, an asker's is redacted where it is shown. Returns
// EInvalid.
func (in *TextInput) ValidateReply(byLawyer bool) error {
	return in.validate(ReplyMinRunes, ReplyMaxRunes, byLawyer)
}

func (in *TextInput) validate(min, max int, noContact bool) error {
	f := FieldErrors{}
	text(&f, "body", &in.Body, min, max, true)
	if in.Body == "" {
		f.Set("body", CodeRequired, "is required")
	}
	if noContact {
		noContactData(&f, "body", in.Body, "your firm's public contact block is shown beside every answer")
	}
	return f.Err()
}

// Rating is a lawyer's verified rating: the average of the stars of
// reviews of completed consultations (nil with none) and their number.
type Rating struct {
	Average *float64 `json:"average"`
	Count   int      `json:"count"`
}

// RatingOf is the rating of count reviews whose stars sum to sum,
// rounded to one decimal.
func RatingOf(sum, count int) Rating {
	if count <= 0 {
		return Rating{}
	}
	avg := float64(int(float64(sum)/float64(count)*10+0.5)) / 10
	return Rating{Average: &avg, Count: count}
}

// LawyerBadge is what an answer shows of its lawyer.
type LawyerBadge struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	FirmID      string `json:"firmId"`
	FirmName    string `json:"firmName"`
	City        string `json:"city"`
	LicenseNo   string `json:"licenseNo"`
	HelpedCount int    `json:"helpedCount"`
	AnswerCount int    `json:"answerCount"`
	Rating      Rating `json:"rating"`
}

// Badge returns l's badge, with the name of their firm f.
func (l Lawyer) Badge(f Firm) LawyerBadge {
	return LawyerBadge{ID: l.ID, Name: l.Name, FirmID: l.FirmID, FirmName: f.Name, City: l.City, LicenseNo: l.LicenseNo,
		HelpedCount: l.HelpedCount, AnswerCount: l.AnswerCount, Rating: l.Rating()}
}

// Rating returns the lawyer's verified rating.
func (l Lawyer) Rating() Rating { return RatingOf(l.RatingSum, l.RatingCount) }

// AnswerView is an answer as the API returns it.
type AnswerView struct {
	ID         string      `json:"id"`
	QuestionID string      `json:"questionId"`
	Body       string      `json:"body"`
	CreatedAt  time.Time   `json:"createdAt"`
	Lawyer     LawyerBadge `json:"lawyer"`
	// Firm is the lawyer's firm's public contact block, shown beside the
	// answer (lawyers may not write contact data into it).
	Firm    *FirmContact `json:"firm,omitempty"`
	Helpful bool         `json:"helpful"`
	Replies []ReplyView  `json:"replies"`
	// QuestionTitle is set in a lawyer's list of answers.
	QuestionTitle string `json:"questionTitle,omitempty"`
}

// ReplyView is a follow-up as the API returns it.
type ReplyView struct {
	ID        string    `json:"id"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"createdAt"`
}

// View returns the answer as the public reads it (asker false: every text
// redacted) or as the asker does (their own words as written), with its
// lawyer's badge and firm block.
func (a Answer) View(badge LawyerBadge, firm *FirmContact, asker bool) AnswerView {
	v := AnswerView{ID: a.ID, QuestionID: a.QuestionID, Body: a.PublicBody, CreatedAt: a.CreatedAt, Lawyer: badge, Firm: firm,
		Helpful: a.Helpful, Replies: make([]ReplyView, 0, len(a.Replies))}
	if asker {
		v.Body = a.Body
	}
	for _, r := range a.Replies {
		body := r.PublicBody
		if asker {
			body = r.Body
		}
		v.Replies = append(v.Replies, ReplyView{ID: r.ID, Author: r.Author, Body: body, CreatedAt: r.CreatedAt})
	}
	return v
}

// ReplyView returns the follow-up as its author reads it.
func (r Reply) View() ReplyView {
	return ReplyView{ID: r.ID, Author: r.Author, Body: r.Body, CreatedAt: r.CreatedAt}
}

// QA is a question's public thread as read: its text (nil for a question
// submitted before public texts were kept, or not public) and its answers
// oldest first with their replies.
type QA struct {
	Text    *QuestionText
	Answers []Answer
}

// Answer returns the answer with ID id.
func (qa QA) Answer(id string) (Answer, bool) {
	for _, a := range qa.Answers {
		if a.ID == id {
			return a, true
		}
	}
	return Answer{}, false
}

// AnsweredBy reports whether lawyerID has answered the question.
func (qa QA) AnsweredBy(lawyerID string) bool {
	return slices.ContainsFunc(qa.Answers, func(a Answer) bool { return a.LawyerID == lawyerID })
}

// NextAnswerNotice decides the message telling the asker of a new answer
// or follow-up: at most one per AnswerNoticeEvery, and none dropped. last
// is when the latest one was scheduled (nil: never). It returns when the
// new one is due — now, or an hour after the last — and false when a
// message already scheduled ahead of now will tell of this one too.
func NextAnswerNotice(last *time.Time, now time.Time) (time.Time, bool) {
	switch {
	case last == nil || !now.Before(last.Add(AnswerNoticeEvery)):
		return now, true
	case last.After(now):
		return time.Time{}, false
	default:
		return last.Add(AnswerNoticeEvery), true
	}
}

// RelatedCandidate is a public question found as possibly related to
// another: by a shared term, or as one of the latest of its area.
type RelatedCandidate struct {
	QuestionID string
	Area       string
	// Shared is the weight of the terms it shares with the question (the
	// first term of the question weighs most).
	Shared float64
}

// RankRelated orders candidates for a question of area: same area first,
// then the most shared terms, then the newest (IDs sort by time); the
// question itself and duplicates are left out, at most limit.
func RankRelated(self, area string, cands []RelatedCandidate, limit int) []RelatedCandidate {
	byID := map[string]RelatedCandidate{}
	for _, c := range cands {
		if c.QuestionID == self {
			continue
		}
		have, ok := byID[c.QuestionID]
		if !ok {
			byID[c.QuestionID] = c
			continue
		}
		have.Shared += c.Shared
		if have.Area == "" {
			have.Area = c.Area
		}
		byID[c.QuestionID] = have
	}
	out := make([]RelatedCandidate, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b RelatedCandidate) int {
		if sa, sb := a.Area == area, b.Area == area; sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		if a.Shared != b.Shared {
			if a.Shared > b.Shared {
				return -1
			}
			return 1
		}
		return strings.Compare(b.QuestionID, a.QuestionID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// TermWeight is the weight of a question's i-th term (strongest first) in
// RankRelated's Shared.
func TermWeight(i int) float64 { return 1 / float64(i+1) }

// QuestionListItem is a public question in a list, with its answer count.
type QuestionListItem struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Area        string    `json:"area"`
	City        string    `json:"city,omitempty"`
	AnswerCount int       `json:"answerCount"`
	CreatedAt   time.Time `json:"createdAt"`
}

// ListItem returns q as an item of a public list (the redacted title).
func (q Question) ListItem() QuestionListItem {
	return QuestionListItem{ID: q.ID, Title: q.RedactedTitle(), Area: q.Area, City: q.City, AnswerCount: q.AnswerCount, CreatedAt: q.CreatedAt}
}

// NotPublic is what the Q&A routes answer for a question that is not
// public, was erased, or does not exist: the same, so as to tell nothing.
func NotPublic(id string) error { return Errorf(ENotFound, "no public question %s", id) }

// ThreadFull is the refusal of a follow-up past MaxReplies.
func ThreadFull() error {
	return Errorf(EConflict, "this answer's thread holds %d follow-ups, the most it may; book a consultation to go on", MaxReplies)
}

// The write plans of the Q&A use cases: each is one transaction, decided
// in app on what was read and conditioned on it.

// NewAnswer is a lawyer's answer to write: the answer, the question as
// read (it must still be public, not erased, not answered by the lawyer,
// its AnswerNoticeAt unchanged), and when the asker is told (nil: a
// message already scheduled tells of it).
type NewAnswer struct {
	Answer   Answer
	Question Question
	NoticeAt *time.Time
}

// NewReply is a follow-up to write under Answer (as read: its number of
// replies and its NoticeAt unchanged) of Question (as read). NoticeAt,
// when set, schedules the message telling the other side: the asker of a
// lawyer's reply (the question's AnswerNoticeAt), the lawyer of the
// asker's (the answer's NoticeAt).
type NewReply struct {
	Reply    Reply
	Answer   Answer
	Question Question
	NoticeAt *time.Time
}

// HelpfulMark marks Answer helpful. CountHelped: the question counts its
// lawyer as having helped (the first time any of their answers to it, or
// a consultation on it, did), so their helpedCount grows — Lawyer names
// their cards.
type HelpfulMark struct {
	Answer      Answer
	CountHelped bool
	Lawyer      Lawyer
}

// NoticeFollowUp tells the answering lawyer that the asker followed up
// under their answer.
const NoticeFollowUp = "answer_followup"

// PublicThread is what the public page of a question shows, every text
// redacted: the question, its answers (with badges, firm blocks and
// follow-ups), related questions and the latest of its area.
type PublicThread struct {
	Question QuestionView
	Answers  []AnswerView
	Related  []QuestionListItem
	Latest   []QuestionListItem
}

// SitemapEntry is one public question in the sitemap.
type SitemapEntry struct {
	QuestionID  string
	CreatedAt   time.Time
	AnswerCount int
}
